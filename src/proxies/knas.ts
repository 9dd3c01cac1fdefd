import { Rng } from '../engine/rng.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { perSampleGrads } from './passes/per-sample-grads.js';

/**
 * KNAS mean gradient kernel, paper definition: mean_{i,j} <∇ℓ(x_i), ∇ℓ(x_j)> = ||mean_i ∇ℓ(x_i)||², restricted to
 * a fixed random subset of conv/dense weight entries (seeded by (seed, arch), so it is reproducible and does not
 * depend on evaluation order). The reference code's ad-hoc estimator (first 100 entries of the first 11 tensors,
 * centred cross-products of 50 minibatches) is not reproduced.
 */
export function knasScore(grads: Float32Array[], entries: number[]): number {
  if (!grads.length) return NaN;
  let score = 0;
  for (const k of entries) {
    let m = 0;
    for (const g of grads) m += g[k];
    m /= grads.length;
    score += m * m;
  }
  return score;
}

export function knasEntries(seed: number, archKey: string, total: number, entries: number): number[] {
  return Rng.keyed(seed, archKey, 'knas-entries').sampleDistinct(total, Math.min(entries, total));
}

export default registerProxy({
  name: 'knas',
  description: 'KNAS mean gradient kernel ||mean_i dℓ_i/dθ||² over `entries` seeded random conv/dense weight entries, ' +
    'per-sample CE gradients (batch-1 forwards, train-mode BN) of the first `samples` images of batch 0; cost = samples backward passes.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: true },
  direction: 1,
  defaults: { samples: 16, entries: 2000 },
  reference: 'KNAS paper (Xu et al., ICML 2021) mean-gradient-kernel definition; Jingjing-NLP/KNAS estimator not reproduced',
  compute: (ctx, options) => {
    const samples = positiveInt('knas', options, 'samples');
    const entries = positiveInt('knas', options, 'entries');
    const ps = perSampleGrads(ctx, samples);
    const total = ps.offsets[ps.weights.length];
    return knasScore(ps.grads, knasEntries(ctx.seed, ctx.archKey, total, entries));
  },
});
