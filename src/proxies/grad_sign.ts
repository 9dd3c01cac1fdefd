import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { perSampleGrads } from './passes/per-sample-grads.js';

/** Σ_k |Σ_i sign(G_ik)| over per-sample gradient vectors G_i (sign(0) = 0, NaN entries skipped as np.nansum). */
export function gradSignScore(grads: Float32Array[]): number {
  if (!grads.length) return NaN;
  const len = grads[0].length;
  let score = 0;
  for (let k = 0; k < len; k++) {
    let s = 0;
    let nan = false;
    for (const g of grads) {
      const v = g[k];
      if (Number.isNaN(v)) nan = true;
      else s += v > 0 ? 1 : v < 0 ? -1 : 0;
    }
    if (!nan) score += Math.abs(s);
  }
  return score;
}

export default registerProxy({
  name: 'grad_sign',
  description: 'GradSign: Σ_weights |Σ_samples sign(dℓ_i/dW)| over conv/dense weights, per-sample CE gradients from ' +
    'batch-1 forwards (train-mode BN, own statistics per sample), first `samples` calibration images (128 as the reference; batch 0, then 1, ...); cost = samples backward passes.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: true },
  direction: 1,
  defaults: { samples: 128 },
  reference: 'cmu-catalyst/GradSign grad_conflict.py (get_grad_conflict: sum, not the nanmean of gradsign.py; 128 samples)',
  compute: async (ctx, options) => {
    const samples = positiveInt('grad_sign', options, 'samples');
    return gradSignScore((await perSampleGrads(ctx, samples)).grads);
  },
});
