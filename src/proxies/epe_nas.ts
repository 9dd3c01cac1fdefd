// EPE-NAS (Lopes et al. 2021), NASLib's per-class version: how strongly the input Jacobians of samples of the
// same class correlate. Reuses jacob_cov's Jacobian pass (same samples, same init).
import { corrcoef } from '../linalg/corrcoef.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { nudgedInputJacobian, sharedInputJacobian, type InputJacobian } from './passes/jacobian.js';
import { Rng } from '../engine/rng.js';
import { UnstableScore } from './unstable.js';

const K = 1e-5;
/** Relative float32 uncertainty beyond which the score is `unstable`, as for grasp, zico, plain and ntk. */
export const EPE_NAS_TOLERANCE = 1e-2;

/**
 * Per class c present in the batch: s_c = sum_ij log(|corrcoef(J_c)_ij| + k), divided by n_c when the network has
 * more than 100 classes. Score = sum_c |s_c| (<= 100 classes), else sum_c sum_c' |s_c - s_c'| / #classes seen.
 * A single-sample class: corrcoef is the scalar 1, s_c = log(1 + k); with > 100 classes NASLib's len() of that
 * scalar raises and the class is skipped, which we reproduce.
 */
export function epeNasScore(j: InputJacobian, labels: ArrayLike<number>, numClasses: number, k = K): number {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < j.n; i++) {
    const rows = byClass.get(labels[i]) ?? [];
    rows.push(i);
    byClass.set(labels[i], rows);
  }
  const many = numClasses > 100;
  const scores: number[] = [];
  for (const rows of byClass.values()) {
    if (rows.length === 1) {
      if (!many) scores.push(Math.log(1 + k));
      continue;
    }
    const sub = new Float32Array(rows.length * j.d);
    rows.forEach((r, t) => sub.set(j.rows.subarray(r * j.d, (r + 1) * j.d), t * j.d));
    const c = corrcoef(sub, rows.length, j.d).data;
    let s = 0;
    for (let t = 0; t < c.length; t++) s += Math.log(Math.abs(c[t]) + k);
    scores.push(many ? s / rows.length : s);
  }
  let score = 0;
  if (!many) {
    for (const s of scores) score += Math.abs(s);
    return score;
  }
  for (const a of scores) for (const b of scores) score += Math.abs(a - b);
  return scores.length ? score / scores.length : 0;
}

export default registerProxy({
  name: 'epe_nas',
  description: 'EPE-NAS: per-class sum of log|corrcoef| of the input Jacobians (NASLib eval_score_perclass).',
  needs: { data: true, labels: true, paramGrads: false, inputGrads: true, perSample: false },
  direction: 1,
  defaults: { samples: 64 },
  reference: 'automl/NASLib epe_nas eval_score_perclass (PyTorch default init, train-mode BN, k = 1e-5); status unstable ' +
    'when one ulp of the weights moves the score by over half of 1e-2',
  compute: async (ctx, options) => {
    const samples = positiveInt('epe_nas', options, 'samples');
    const j = await sharedInputJacobian(ctx, samples);
    const labels = ctx.batches[0].labels.subarray(0, j.n);
    const score = epeNasScore(j, labels, ctx.graph.numClasses);
    // log(|corr| + 1e-5) of near-zero correlations turns float32 noise in the Jacobian into score: recompute with
    // every weight one ulp away; two float32 evaluations can differ by about twice that move.
    const nudged = await nudgedInputJacobian(ctx, samples, Rng.keyed(ctx.seed, 'epe_nas:ulp', ctx.archKey));
    const spread = Math.abs(epeNasScore(nudged, labels, ctx.graph.numClasses) - score) / Math.max(Math.abs(score), 1e-30);
    if (2 * spread > EPE_NAS_TOLERANCE) {
      throw new UnstableScore(score, `epe_nas: float32 cannot give the score to tolerance ${EPE_NAS_TOLERANCE}: nudging every ` +
        `weight by one ulp moves it by ${spread.toExponential(2)} (relative), so float32 evaluations can differ by ${(2 * spread).toExponential(2)}`);
    }
    return score;
  },
});
