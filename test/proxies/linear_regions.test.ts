// linear_regions: distinct patterns on hand-built codes; TE-NAS's thin network and crops; the tenas count against
// the K-matrix count (TE-NAS's calc_LR form) on the same weights and crops; not constant over 18 random NB201 archs;
// the lines setting against a brute-force Hamming walk; determinism and no leaks.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../src/engine/rng.js';
import { disposeParams } from '../../src/graph/init.js';
import { execute } from '../../src/graph/execute.js';
import { countParams } from '../../src/graph/count.js';
import linearRegions, { linearRegionCount, lrParams, randomCrops, tenasRegions } from '../../src/proxies/linear_regions.js';
import { buildTenasThin } from '../../src/proxies/passes/tenas-thin.js';
import { kernelFromCodes, reluKernel } from '../../src/proxies/passes/relu-codes.js';
import type { CalibrationBatch } from '../../src/proxies/types.js';
import { NB201_OPS } from '../../src/spaces/nb201/arch.js';
import { assertDeterministicNoLeak, batchFor, convBnNet, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

const ALL_3X3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const SMALL = { crops: 200, batches: 2, repeats: 2, init: 'pytorch' as const };

test('4 samples, 3 distinct patterns -> 3; all equal -> 1; all distinct -> 4', () => {
  const a = [[1, 0, 1], [0, 1]], b = [[1, 1, 0], [0, 1]], c = [[1, 0, 1], [1, 1]];
  assert.equal(linearRegionCount(kernelFromCodes([a, b, a, c])), 3);
  assert.equal(linearRegionCount(kernelFromCodes([a, a, a, a])), 1);
  assert.equal(linearRegionCount(kernelFromCodes([a, b, c, [[0, 0, 0], [0, 0]]])), 4);
  assert.equal(linearRegionCount(kernelFromCodes([a, c])), 2);
});

test('TE-NAS thin network: 3x3x1 input, one 1-channel cell, no stem; all-3x3 has 6*9 + 7*2 + 10 + 10 = 88 params', () => {
  const g = buildTenasThin(ALL_3X3, 10);
  assert.deepEqual(g.inputShape, [3, 3, 1]);
  assert.equal(countParams(g), 88);
  assert.equal(g.nodes.filter((n) => n.op === 'relu').length, 7);
  assert.ok(g.nodes.every((n) => n.op !== 'conv2d' || n.filters === 1));
});

test('crops are 3x3 windows of one channel of one calibration image', () => {
  // Pixel value encodes (image, row, col, channel) so every crop can be checked for contiguity.
  const n = 4, h = 8, w = 8;
  const images = new Float32Array(n * h * w * 3);
  for (let i = 0; i < n; i++) for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) for (let ch = 0; ch < 3; ch++) {
    images[((i * h + r) * w + c) * 3 + ch] = i * 100000 + ch * 10000 + r * 100 + c;
  }
  const batch: CalibrationBatch = { images, labels: new Int32Array(n), n, height: h, width: w };
  const crops = randomCrops([batch], 300, Rng.keyed(1, 'crops'));
  const seen = new Set<number>();
  for (let s = 0; s < 300; s++) {
    const v = crops.subarray(s * 9, s * 9 + 9);
    for (let r = 0; r < 3; r++) for (let q = 0; q < 3; q++) assert.equal(v[r * 3 + q] - v[0], r * 100 + q);
    seen.add(Math.floor(v[0] / 10000));
  }
  assert.equal(seen.size, 12, 'every (image, channel) pair is drawn');
});

test('tenas count = the K-matrix count (TE-NAS calc_LR) on the same thin weights and crops', () => {
  const data = [batchFor(tinyNb201(), 16)];
  for (const arch of [ALL_3X3, '|nor_conv_1x1~0|+|avg_pool_3x3~0|skip_connect~1|+|none~0|nor_conv_3x3~1|nor_conv_1x1~2|']) {
    const g = buildTenasThin(arch, 10);
    const params = lrParams(g, 9, `${g.name}#0`, 'pytorch');
    const x = tf.tensor4d(randomCrops(data, 500, Rng.keyed(9, 'linear_regions:crops', 0, 0)), [500, 3, 3, 1]);
    const k = reluKernel(g, params, x);
    const byKernel = linearRegionCount(k);
    x.dispose();
    disposeParams(params);
    assert.equal(tenasRegions(arch, 10, data, 9, { crops: 500, batches: 1, repeats: 1, init: 'pytorch' }), byKernel);
    assert.ok(byKernel > 1 && byKernel <= 500, `${byKernel}`);
  }
});

test('tenas setting separates NB201 archs: not constant over 18 random archs', () => {
  const data = [batchFor(tinyNb201(), 16)];
  const rng = Rng.keyed(4, 'archs');
  const values = new Set<number>();
  for (let a = 0; a < 18; a++) {
    const op = () => NB201_OPS[rng.int(5)];
    const arch = `|${op()}~0|+|${op()}~0|${op()}~1|+|${op()}~0|${op()}~1|${op()}~2|`;
    values.add(tenasRegions(arch, 10, data, 0, SMALL));
  }
  assert.ok(values.size >= 6, `only ${values.size} distinct values: ${[...values].join(', ')}`);
});

test('lines setting: 1 + Hamming distances of consecutive points along segments, brute force', async () => {
  const graph = convBnNet();
  const b = batchFor(graph, 4);
  const value = await scoreOne(graph, linearRegions, { ...linearRegions.defaults, setting: 'lines', lines: 2, points: 9 }, [b], 5);
  // Brute force: the same segments point by point, each code read separately.
  const { ArchContext } = await import('../../src/proxies/context.js');
  const ctx = new ArchContext(graph, graph.name, 5, [b]);
  const ends = ctx.input(0, 4);
  const params = ctx.params('pytorch');
  const batch = tf.tidy(() => tf.concat([0, 1].flatMap((l) => Array.from({ length: 9 }, (_, k) => {
    const a = tf.slice(ends, [l, 0, 0, 0], [1, -1, -1, -1]), e = tf.slice(ends, [2 + l, 0, 0, 0], [1, -1, -1, -1]);
    return tf.add(a, tf.mul(tf.sub(e, a), k / 8));
  })), 0));
  const codes: number[][] = Array.from({ length: 18 }, () => []);
  const r = execute(graph, params, batch, { onReluInput: (_n, z) => {
    const v = z.dataSync(), per = v.length / 18;
    for (let i = 0; i < 18; i++) for (let u = 0; u < per; u++) codes[i].push(v[i * per + u] > 0 ? 1 : 0);
  } });
  r.logits.dispose();
  batch.dispose();
  let expected = 0;
  for (let l = 0; l < 2; l++) {
    expected += 1;
    for (let k = 0; k < 8; k++) expected += codes[l * 9 + k].reduce((s, c, u) => s + (c !== codes[l * 9 + k + 1][u] ? 1 : 0), 0);
  }
  ctx.dispose();
  assert.ok(Math.abs(value - expected / 2) < 1e-9, `${value} vs ${expected / 2}`);
});

test('same seed, same bits; no tensor leak (tenas on NB201, lines elsewhere)', async () => {
  const nb = tinyNb201();
  await assertDeterministicNoLeak(nb, linearRegions, { ...linearRegions.defaults, ...SMALL }, [batchFor(nb, 8)]);
  const g = convBnNet();
  await assertDeterministicNoLeak(g, linearRegions, { ...linearRegions.defaults, points: 5 }, [batchFor(g, 4)]);
});
