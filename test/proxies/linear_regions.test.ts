// linear_regions: distinct patterns on hand-built codes, the count on a tiny NB201 net against a set of code
// strings collected independently, the Kaiming-normal fan_in init, determinism.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { execute } from '../../src/graph/execute.js';
import type { Graph } from '../../src/graph/ir.js';
import { ArchContext } from '../../src/proxies/context.js';
import linearRegions, { gaussianInput, kaimingNormalFanIn, linearRegionCount } from '../../src/proxies/linear_regions.js';
import { kernelFromCodes } from '../../src/proxies/passes/relu-codes.js';
import { assertDeterministicNoLeak, BN, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

test('4 samples, 3 distinct patterns -> 3; all equal -> 1; all distinct -> 4', () => {
  const a = [[1, 0, 1], [0, 1]], b = [[1, 1, 0], [0, 1]], c = [[1, 0, 1], [1, 1]];
  assert.equal(linearRegionCount(kernelFromCodes([a, b, a, c])), 3);
  assert.equal(linearRegionCount(kernelFromCodes([a, a, a, a])), 1);
  assert.equal(linearRegionCount(kernelFromCodes([a, b, c, [[0, 0, 0], [0, 0]]])), 4);
  // same ReLU-1 code, differing only in the second ReLU: distinct
  assert.equal(linearRegionCount(kernelFromCodes([a, c])), 2);
});

test('Kaiming-normal fan_in = the N(0,1) draws scaled by sqrt(2/fan_in); BN untouched', () => {
  const graph = tinyNb201();
  const ctx = new ArchContext(graph, 'k', 3, []);
  const kn = kaimingNormalFanIn(ctx);
  const gauss = ctx.params('gaussian');
  const conv = graph.params.find((p) => p.name === 's0.c0.e01.conv.weight')!;
  assert.equal(conv.fanIn, 9 * 2);
  const a = kn[conv.name].dataSync(), g = gauss[conv.name].dataSync();
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - g[i] * Math.sqrt(2 / 18)) < 1e-6);
  assert.equal(kn['stem.bn.gamma'], gauss['stem.bn.gamma']);
  ctx.dispose();
});

/** Distinct code strings of the ReLU inputs, collected independently of the K-based count. */
function distinctCodes(graph: Graph, n: number, seed: number): number {
  const ctx = new ArchContext(graph, graph.name, seed, []);
  const strings = Array.from({ length: n }, () => '');
  const r = execute(graph, kaimingNormalFanIn(ctx), gaussianInput(ctx, n, 'linear_regions'), {
    onReluInput: (_node, z) => {
      const v = z.dataSync(), per = v.length / n;
      for (let i = 0; i < n; i++) {
        let s = '';
        for (let u = 0; u < per; u++) s += v[i * per + u] > 0 ? '1' : '0';
        strings[i] += s + '|';
      }
    },
  });
  r.logits.dispose();
  ctx.dispose();
  return new Set(strings).size;
}

test('2-unit code net: at most 4 regions, equal to the distinct code strings', async () => {
  const g = new GraphBuilder('lr-2unit', [1, 1, 3], 2);
  g.add('conv', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: 2, bias: false }, ['input']);
  g.add('bn', BN, ['conv']);
  g.add('relu', { op: 'relu' }, ['bn']);
  g.add('gap', { op: 'global_avg_pool' }, ['relu']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'relu');
  const value = await scoreOne(graph, linearRegions, { batch: 32 }, [], 5);
  assert.equal(value, distinctCodes(graph, 32, 5));
  assert.ok(value >= 2 && value <= 4, `${value}`);
});

test('tiny NB201: the count equals the number of distinct concatenated code strings', async () => {
  const graph = tinyNb201('|nor_conv_1x1~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|');
  const value = await scoreOne(graph, linearRegions, { batch: 24 }, [], 5);
  assert.equal(value, distinctCodes(graph, 24, 5));
});

test('same seed, same bits; no tensor leak (data-free: no calibration batch needed)', async () => {
  const graph = tinyNb201();
  const v = await assertDeterministicNoLeak(graph, linearRegions, { batch: 16 }, []);
  assert.equal(v, 16, 'long codes: every sample its own region (the saturation TE-NAS warns of)');
});
