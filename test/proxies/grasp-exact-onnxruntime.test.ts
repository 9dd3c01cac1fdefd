// GraSP's H·g on onnxruntime is exact (the tangent model), so `hvp: auto` there gives the score of tfjs's exact double
// backprop (within 1e-4 relative: two float32 engines), not a finite-difference estimate; the row names onnxruntime
// alone, the hvp session is released with the arch, nothing is left behind; a graph without onnxruntime rules falls
// back to tfjs's exact double backprop saying why.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { scoreArch } from '../../src/proxies/score.js';
import { ArchContext } from '../../src/proxies/context.js';
import grasp from '../../src/proxies/grasp.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { ortFeeds, ortGradSession } from '../../src/proxies/passes/grad-engine.js';
import { batches, relErr, sigmoidNet, useCpu } from './grad-helpers.js';

before(useCpu);

const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';

test('grasp on onnxruntime (hvp auto: exact tangent model) = tfjs exact double backprop; row says onnxruntime', async () => {
  const graph = buildNb201(ARCH, 'cifar10', 4, 1);
  const bs = batches(graph, 6);
  const before = tf.memory().numTensors;
  const [ort] = await scoreArch(graph, ARCH, [{ proxy: grasp, options: grasp.defaults }], 2, bs, 'pytorch', 'onnxruntime');
  const [tfjs] = await scoreArch(graph, ARCH, [{ proxy: grasp, options: { ...grasp.defaults, hvp: 'exact' } }], 2, bs, 'pytorch', 'tfjs');
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  assert.equal(ort.status, 'ok', ort.error);
  assert.equal(tfjs.status, 'ok', tfjs.error);
  assert.ok(relErr(ort.value, tfjs.value) <= 1e-4, `onnxruntime ${ort.value} vs tfjs ${tfjs.value}`);
  assert.notEqual(ort.value, 0);
  assert.equal(ort.engine, 'onnxruntime');
  assert.equal(ort.engineNote, undefined, 'no fallback');
  assert.equal(ort.method, 'exact');
  assert.equal(tfjs.engine, 'tfjs');
  assert.equal(tfjs.method, 'exact');
});

test('the hvp session is its own model kind, shared within the arch and released with it', async () => {
  const graph = buildNb201(ARCH, 'cifar10', 4, 1);
  const ctx = new ArchContext(graph, 'a', 1, batches(graph, 3), 'pytorch', 'onnxruntime');
  const kind = { loss: 'cross-entropy' as const, batch: 3, weights: saliencyWeights(graph) };
  const plain = await ortGradSession(ctx, kind);
  const hvp = await ortGradSession(ctx, { ...kind, hvp: true });
  const again = await ortGradSession(ctx, { ...kind, hvp: true });
  assert.ok(hvp.session && hvp.session === again.session && hvp.session !== plain.session);
  const feeds = ortFeeds(ctx, 0, undefined, 'pytorch');
  const out = await hvp.session!.run(feeds); // no direction fed: v = 0, so H·v = 0
  assert.ok(out.hvp.size > 0 && [...out.hvp.values()].every((a) => a.every((x) => x === 0)));
  await ctx.release();
  await assert.rejects(hvp.session!.run(feeds));
});

test('auto on a graph without onnxruntime rules: tfjs exact double backprop, with the reason', async () => {
  const graph = sigmoidNet();
  const bs = batches(graph, 4);
  const [auto] = await scoreArch(graph, 'sig', [{ proxy: grasp, options: grasp.defaults }], 1, bs, 'pytorch', 'auto');
  const [exact] = await scoreArch(graph, 'sig', [{ proxy: grasp, options: { ...grasp.defaults, hvp: 'exact' } }], 1, bs, 'pytorch', 'tfjs');
  assert.equal(auto.status, 'ok', auto.error);
  assert.equal(auto.engine, 'tfjs');
  assert.match(auto.engineNote ?? '', /no onnxruntime backward rule for sigmoid/);
  assert.equal(auto.method, 'exact');
  assert.equal(auto.value, exact.value);
});
