// onnxruntime gradient sessions live as long as their arch: passes over one arch share one session per model kind,
// and releasing the context releases it (a released session refuses to run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { ArchContext } from '../../src/proxies/context.js';
import { ortFeeds, ortGradSession } from '../../src/proxies/passes/grad-engine.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { batches, useCpu } from './grad-helpers.js';

test('one session per arch and model kind, released with the context', async () => {
  await useCpu();
  const graph = buildNb201('|nor_conv_1x1~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|nor_conv_3x3~1|skip_connect~2|', 'cifar10', 4, 1);
  const ctx = new ArchContext(graph, 'a', 1, batches(graph, 3), 'pytorch', 'onnxruntime');
  const before = tf.memory().numTensors;
  const kind = { loss: 'cross-entropy' as const, batch: 3, weights: saliencyWeights(graph) };
  const a = await ortGradSession(ctx, kind);
  const b = await ortGradSession(ctx, kind);
  assert.equal(a.note.engine, 'onnxruntime');
  assert.ok(a.session && a.session === b.session, 'the second pass reuses the session');
  const other = await ortGradSession(ctx, { ...kind, inputGrad: true });
  assert.notEqual(other.session, a.session, 'another model kind, another session');
  const feeds = ortFeeds(ctx, 0, undefined, 'pytorch');
  assert.ok(Number.isFinite((await a.session!.run(feeds)).loss));
  await ctx.release();
  await assert.rejects(a.session!.run(feeds));
  await assert.rejects(other.session!.run(feeds));
  assert.ok(tf.memory().numTensors <= before, 'the context freed its tensors');
});
