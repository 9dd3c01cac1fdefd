import { registerProxy } from './registry.js';
import { lossGrads } from './passes/loss-grads.js';
import { positiveInt, positiveNumber } from './passes/options.js';
import { UnstableScore } from './unstable.js';

/**
 * ZiCo from weight gradients of B calibration batches (B = 2 by default, batches 0..B-1):
 * per weight μ = mean_b |g_b|, σ = population std_b g_b; per layer S_l = Σ_{σ≠0} μ/σ; score = Σ_{S_l>0} log S_l.
 * Arithmetic in float64 on the float32 gradients (the reference does it in numpy on float32 arrays).
 */
export function zicoScore(perBatch: Float32Array[][]): number {
  return zicoTerms(perBatch).score;
}

/** Relative rounding error of a float32 weight gradient (sums over a batch of activations), for the estimate below. */
export const GRAD_ROUNDING = 1e-5;

/**
 * The score and an estimate of its float32 rounding error: a weight whose gradients nearly agree across batches
 * has a tiny σ known only to ~GRAD_ROUNDING·|g|, so its ratio r = μ/σ carries a relative error ~GRAD_ROUNDING·r,
 * and log S_l an absolute error ~Σ GRAD_ROUNDING·r² / S_l. (Measured on a small ResNet: one weight with r ≈ 2e5
 * held 88% of its layer's S; PyTorch float32 and float64 then differ by 1.5 in the score.)
 */
export function zicoTerms(perBatch: Float32Array[][]): { score: number; roundingError: number } {
  const B = perBatch.length;
  let score = 0, roundingError = 0;
  for (let l = 0; l < perBatch[0].length; l++) {
    const size = perBatch[0][l].length;
    let S = 0, r2 = 0;
    for (let i = 0; i < size; i++) {
      let mean = 0, meanAbs = 0;
      for (let b = 0; b < B; b++) {
        const v = perBatch[b][l][i];
        mean += v;
        meanAbs += Math.abs(v);
      }
      mean /= B;
      meanAbs /= B;
      let varSum = 0;
      for (let b = 0; b < B; b++) varSum += (perBatch[b][l][i] - mean) ** 2;
      const std = Math.sqrt(varSum / B);
      if (std !== 0) {
        const r = meanAbs / std;
        S += r;
        r2 += r * r;
      }
    }
    if (S !== 0) {
      score += Math.log(S);
      roundingError += (GRAD_ROUNDING * r2) / S;
    }
  }
  return { score, roundingError };
}

export default registerProxy({
  name: 'zico',
  description: 'ZiCo: Σ_layers log Σ_weights mean_b|g| / std_b(g) over conv/dense weight gradients of 2 calibration batches ' +
    '(population std, zero-std weights and all-zero layers skipped); PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { batches: 2, tolerance: 1e-2 },
  optionRules: { batches: { kind: 'int', min: 2, max: 1024 } },
  batchesNeeded: (options) => options.batches as number,
  reference: 'SLDGroup/ZiCo compute_zico.py (getzico with maxbatch 2)',
  compute: (ctx, options) => {
    const B = positiveInt('zico', options, 'batches', 2);
    if (ctx.batches.length < B) {
      throw new Error(`proxy zico needs ${B} calibration batches (gradient statistics across batches), ` +
        `got ${ctx.batches.length}; set data.batches to ${B} or more`);
    }
    const perBatch: Float32Array[][] = [];
    for (let b = 0; b < B; b++) {
      const { grads, weights } = lossGrads(ctx, b);
      perBatch.push(weights.map((w) => grads.get(w)!.dataSync() as Float32Array));
    }
    const { score, roundingError } = zicoTerms(perBatch);
    const tolerance = positiveNumber('zico', options, 'tolerance');
    if (roundingError > tolerance * Math.abs(score)) {
      throw new UnstableScore(score, `zico: estimated float32 rounding error ${roundingError.toPrecision(3)} exceeds ` +
        `tolerance ${tolerance} x |score| ${Math.abs(score).toPrecision(6)} (weights whose gradients nearly agree across batches dominate a layer)`);
    }
    return score;
  },
});
