// The spec's `init:` replaces the network's default init for every proxy that asks for it, leaves proxies with
// their own init (Gaussian for zen / linear_regions) alone, and frees every tensor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ArchContext } from '../../src/proxies/context.js';
import { initValues } from '../../src/graph/init.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import { scoreArch } from '../../src/proxies/score.js';
import { getProxy } from '../../src/proxies/index.js';
import { gaussianBatch } from '../../src/data/gaussian.js';

const ARCH = '8:16:8:16:24';

test('params() under init xavier_uniform are the xavier_uniform draws; gaussian requests are unchanged', () => {
  const g = buildNatsSss(ARCH);
  const before = tf.memory().numTensors;
  const ctx = new ArchContext(g, ARCH, 3, [], 'xavier_uniform');
  const w = g.params.find((p) => p.name === 'l2.cell.e01.conv.weight')!;
  assert.deepEqual(ctx.params()[w.name].dataSync(), initValues(w, 3, ARCH, 'xavier_uniform'));
  assert.deepEqual(ctx.params('pytorch')[w.name].dataSync(), initValues(w, 3, ARCH, 'xavier_uniform'));
  assert.deepEqual(ctx.params('gaussian')[w.name].dataSync(), initValues(w, 3, ARCH, 'gaussian'));
  ctx.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test('l2_norm follows the init: sum of per-layer sqrt(size * variance) under kaiming_normal_fan_in and pytorch', async () => {
  const g = buildNatsSss(ARCH);
  const run = [{ proxy: getProxy('l2_norm'), options: {} }];
  const [pt] = await scoreArch(g, ARCH, run, 0, []);
  const [kn] = await scoreArch(g, ARCH, run, 0, [], 'kaiming_normal_fan_in');
  // l2_norm sums the Frobenius norms of conv/dense weights: sqrt(size · E[w²]), E[w²] = 1/(3 fan_in) or 2/fan_in.
  const weights = g.params.filter((p) => p.role === 'weight');
  const size = (p: { shape: number[] }) => p.shape.reduce((a, b) => a * b, 1);
  const expectPt = weights.reduce((s, p) => s + Math.sqrt(size(p) / (3 * p.fanIn)), 0);
  const expectKn = weights.reduce((s, p) => s + Math.sqrt((2 * size(p)) / p.fanIn), 0);
  assert.ok(Math.abs(pt.value / expectPt - 1) < 0.03, `pytorch ${pt.value} vs ${expectPt}`);
  assert.ok(Math.abs(kn.value / expectKn - 1) < 0.03, `kaiming_normal_fan_in ${kn.value} vs ${expectKn}`);
});

test("ntk's fresh repeats follow the spec's init as its first does: spec init = the same init asked as an option", async () => {
  const g = buildNatsSss('8:8:8:8:8');
  const batches = [gaussianBatch(5, 6, [32, 32, 3], 10)];
  const ntk = getProxy('ntk');
  const before = tf.memory().numTensors;
  const [bySpec] = await scoreArch(g, 'a', [{ proxy: ntk, options: { ...ntk.defaults, samples: 4, repeats: 2, init: 'pytorch' } }], 0, batches, 'xavier_uniform');
  const [byOption] = await scoreArch(g, 'a', [{ proxy: ntk, options: { ...ntk.defaults, samples: 4, repeats: 2, init: 'xavier_uniform' } }], 0, batches);
  const [plain] = await scoreArch(g, 'a', [{ proxy: ntk, options: { ...ntk.defaults, samples: 4, repeats: 2, init: 'pytorch' } }], 0, batches);
  assert.equal(bySpec.status, 'ok');
  assert.equal(bySpec.value, byOption.value);
  assert.notEqual(bySpec.value, plain.value);
  assert.equal(tf.memory().numTensors, before);
});
