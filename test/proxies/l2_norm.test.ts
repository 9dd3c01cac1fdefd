// L2-norm = Σ_l ||W_l||_2 of the conv/dense weights at PyTorch default init: checked against the same seeded
// init values summed in float64, and against its expectation Σ_l sqrt(size_l / (3 fan_in_l)) (U(±1/sqrt(fan_in))).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initValues } from '../../src/graph/init.js';
import l2 from '../../src/proxies/l2_norm.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { batches, context, deterministicNoLeak, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('l2_norm equals the float64 sum of per-layer Frobenius norms of the seeded init', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, []);
  try {
    const value = await l2.compute(ctx, {});
    let hand = 0;
    for (const p of graph.params.filter((q) => q.role === 'weight')) {
      const w = initValues(p, ctx.seed, ctx.archKey, 'pytorch');
      hand += Math.sqrt(w.reduce((a, v) => a + v * v, 0));
    }
    assert.ok(relErr(value, hand) < 1e-6, `l2_norm ${value} vs ${hand}`);
  } finally {
    ctx.dispose();
  }
});

test('l2_norm of NB201 all-3x3 (C10) is near its expectation Σ sqrt(size/(3·fan_in))', async () => {
  const graph = buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|');
  const ctx = context(graph, []);
  try {
    const value = await l2.compute(ctx, {});
    const expected = graph.params.filter((p) => p.role === 'weight')
      .reduce((a, p) => a + Math.sqrt(p.shape.reduce((x, y) => x * y, 1) / (3 * p.fanIn)), 0);
    // Each layer's norm concentrates (>= 160 entries per layer): 1% is many standard deviations.
    assert.ok(relErr(value, expected) < 0.01, `l2_norm ${value} vs expectation ${expected}`);
  } finally {
    ctx.dispose();
  }
});

test('l2_norm is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(l2, graph, batches(graph, 2));
});
