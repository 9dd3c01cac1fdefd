import { registerProxy } from './registry.js';
import { lossGradArrays } from './passes/loss-grads.js';
import { positiveInt, positiveNumber } from './passes/options.js';
import { UnstableScore } from './unstable.js';

/**
 * The gradients the reference code records for batch b: SLDGroup/ZiCo's getzico (and NASLib's port) never zero the
 * gradients between batches, so its b-th record is g_0 + ... + g_b, summed in float32 as PyTorch's .grad. Adds
 * `grads` into `running` (created on the first batch) and returns it.
 */
export function accumulate(running: Float32Array[] | undefined, grads: readonly Float32Array[]): Float32Array[] {
  if (!running) return grads.map((g) => Float32Array.from(g));
  grads.forEach((g, l) => { const r = running[l]; for (let i = 0; i < g.length; i++) r[i] += g[i]; });
  return running;
}

/**
 * ZiCo from weight gradients of B calibration batches (B = 2 by default, batches 0..B-1; with `accumulate`, the
 * running sums the reference code records, see accumulated()):
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
  const acc = new ZicoStatistics();
  for (const grads of perBatch) acc.add(grads);
  return acc.terms();
}

/**
 * The per-weight statistics ZiCo needs, updated one batch at a time (Welford's mean and sum of squared deviations,
 * in float64), so B batches cost the memory of one: B = 1024 on a network of a million weights would otherwise
 * hold 4 GB of gradients.
 */
export class ZicoStatistics {
  private n = 0;
  private readonly mean: Float64Array[] = [];
  private readonly m2: Float64Array[] = [];
  private readonly sumAbs: Float64Array[] = [];

  /** One batch's gradients, one array per weight tensor, in the same order every time. */
  add(grads: readonly Float32Array[]): void {
    if (this.n === 0) {
      for (const g of grads) { this.mean.push(new Float64Array(g.length)); this.m2.push(new Float64Array(g.length)); this.sumAbs.push(new Float64Array(g.length)); }
    }
    this.n++;
    grads.forEach((g, l) => {
      const mean = this.mean[l], m2 = this.m2[l], sumAbs = this.sumAbs[l];
      for (let i = 0; i < g.length; i++) {
        const v = g[i];
        const d = v - mean[i];
        mean[i] += d / this.n;
        m2[i] += d * (v - mean[i]);
        sumAbs[i] += Math.abs(v);
      }
    });
  }

  terms(): { score: number; roundingError: number } {
    let score = 0, roundingError = 0;
    this.mean.forEach((_, l) => {
      const m2 = this.m2[l], sumAbs = this.sumAbs[l];
      let S = 0, r2 = 0;
      for (let i = 0; i < m2.length; i++) {
        const std = Math.sqrt(m2[i] / this.n);
        if (std !== 0) {
          const r = sumAbs[i] / this.n / std;
          S += r;
          r2 += r * r;
        }
      }
      if (S !== 0) {
        score += Math.log(S);
        roundingError += (GRAD_ROUNDING * r2) / S;
      }
    });
    return { score, roundingError };
  }
}

export default registerProxy({
  name: 'zico',
  description: 'ZiCo: Σ_layers log Σ_weights mean_b|g| / std_b(g) over conv/dense weight gradients of 2 calibration batches ' +
    '(population std, zero-std weights and all-zero layers skipped); as the official code, g_b is the gradient accumulated ' +
    'over batches 0..b (accumulate: false for the paper\'s per-batch gradients); PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { batches: 2, accumulate: true, tolerance: 1e-2 },
  optionRules: { batches: { kind: 'int', min: 2, max: 1024 }, accumulate: { kind: 'boolean' } },
  batchesNeeded: (options) => options.batches as number,
  reference: 'SLDGroup/ZiCo compute_zico.py (getzico over 2 batches, gradients accumulated as its loop never zeroes them)',
  compute: async (ctx, options) => {
    const B = positiveInt('zico', options, 'batches', 2);
    if (ctx.batches.length < B) {
      throw new Error(`proxy zico needs ${B} calibration batches (gradient statistics across batches), ` +
        `got ${ctx.batches.length}; set data.batches to ${B} or more`);
    }
    const stats = new ZicoStatistics();
    let running: Float32Array[] | undefined;
    for (let b = 0; b < B; b++) {
      const grads = await lossGradArrays(ctx, b);
      if (options.accumulate === false) stats.add(grads);
      else stats.add(running = accumulate(running, grads));
    }
    const { score, roundingError } = stats.terms();
    const tolerance = positiveNumber('zico', options, 'tolerance');
    if (roundingError > tolerance * Math.abs(score)) {
      throw new UnstableScore(score, `zico: estimated float32 rounding error ${roundingError.toPrecision(3)} exceeds ` +
        `tolerance ${tolerance} x |score| ${Math.abs(score).toPrecision(6)} (weights whose gradients nearly agree across batches dominate a layer)`);
    }
    return score;
  },
});
