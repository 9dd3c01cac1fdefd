// ZiCo against a manual two-batch computation: weight gradients of each batch from separate tf.grads calls,
// then μ = mean|g|, σ = |g₁ − g₂|/2 (population std of two values), Σ_l log Σ_{σ≠0} μ/σ in float64; by default on
// the accumulated records g₁, g₁ + g₂ as the official getzico (no zero_grad between batches), else per batch.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { scoreArch } from '../../src/proxies/score.js';
import zico from '../../src/proxies/zico.js';
import { batches, context, deterministicNoLeak, f64, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

for (const accumulate of [false, true]) {
  test(`zico equals the manual two-batch computation (${accumulate ? 'default: accumulated gradients' : 'per-batch gradients'})`, async () => {
    const graph = tinyConvNet();
    const ctx = context(graph, batches(graph, 4, 2));
    try {
      const value = await zico.compute(ctx, accumulate ? zico.defaults : { ...zico.defaults, accumulate: false });
      assert.equal(zico.defaults.accumulate, true);
      const params = ctx.params();
      const names = saliencyWeights(graph);
      const perBatch = [0, 1].map((b) => {
        const x = ctx.input(b), y = ctx.labels(b);
        const gs = tf.grads((...ws: tf.Tensor[]) => {
          const p: ParamMap = { ...params };
          names.forEach((n, i) => { p[n] = ws[i]; });
          return crossEntropy(execute(graph, p, x).logits, y);
        })(names.map((n) => params[n]));
        const out = gs.map(f64);
        gs.forEach((t) => t.dispose());
        return out;
      });
      let hand = 0;
      names.forEach((_, l) => {
        let S = 0;
        const g1 = perBatch[0][l];
        // The second record: batch 2's gradient, or the float32 running sum g1 + g2 (PyTorch's .grad).
        const g2 = accumulate ? perBatch[1][l].map((v, i) => Math.fround(g1[i] + v)) : perBatch[1][l];
        for (let i = 0; i < g1.length; i++) {
          const sigma = Math.abs(g1[i] - g2[i]) / 2;
          if (sigma !== 0) S += (Math.abs(g1[i]) + Math.abs(g2[i])) / 2 / sigma;
        }
        if (S !== 0) hand += Math.log(S);
      });
      assert.ok(relErr(value, hand) < 1e-9, `zico ${value} vs manual ${hand}`);
      assert.ok(Number.isFinite(value));
      console.log(`zico (accumulate ${accumulate}) ${value} vs manual ${hand}`);
    } finally {
      ctx.dispose();
    }
  });
}

test('zico with one calibration batch is an error that says what to configure', async () => {
  const graph = tinyConvNet();
  const [row] = await scoreArch(graph, 'one', [{ proxy: zico, options: zico.defaults }], 1, batches(graph, 4, 1));
  assert.equal(row.status, 'error');
  assert.match(row.error ?? '', /needs 2 calibration batches.*got 1.*data\.batches/);
});

test('zico is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(zico, graph, batches(graph, 4, 2));
});

test('rounding estimate: a weight whose gradients nearly agree across batches makes the score unstable', async () => {
  const { zicoTerms, GRAD_ROUNDING } = await import('../../src/proxies/zico.js');
  // Weight 0: g = 1 and 1.000001 -> mu/sigma = 1.0000005 / 5e-7 ≈ 2e6; weight 1: g = ±0.5 -> ratio 1.
  const close = zicoTerms([[Float32Array.of(1, 0.5)], [Float32Array.of(1.000001, -0.5)]]);
  const g0 = Math.fround(1), g1 = Math.fround(1.000001);
  const r = ((g0 + g1) / 2) / ((g1 - g0) / 2);
  assert.ok(Math.abs(close.score - Math.log(r + 1)) < 1e-9);
  assert.ok(Math.abs(close.roundingError - (GRAD_ROUNDING * (r * r + 1)) / (r + 1)) < 1e-6 * close.roundingError);
  assert.ok(close.roundingError > 0.01 * close.score);
  const apart = zicoTerms([[Float32Array.of(1, 0.5)], [Float32Array.of(3, -0.5)]]);
  assert.ok(apart.roundingError < 1e-4 * Math.abs(apart.score), `${apart.roundingError}`);
});
