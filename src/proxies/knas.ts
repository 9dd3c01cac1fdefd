// KNAS (Xu et al., ICML 2021) mean gradient kernel, the paper's definition on the paper's scale:
//   MGM = mean_{i,j} <∇ℓ(x_i), ∇ℓ(x_j)> = ||mean_i ∇ℓ(x_i)||²  over every conv/dense weight entry (P of them).
// `entries: 0` (default) sums all P entries. `entries: m > 0` sums a seeded random subset of m entries and scales
// by P/m, an unbiased estimate of the same quantity (without the scale the subset sum is (m/P) x MGM: a
// per-parameter average that penalises large networks relative to the paper). The reference code's ad-hoc
// estimator (first 100 entries of the first 11 tensors, centred cross-products of 50 minibatch gradients) is not
// reproduced; its 50 gradient draws are the default sample count here.
import { Rng } from '../engine/rng.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { perSampleGrads } from './passes/per-sample-grads.js';

/** ||mean_i g_i||² restricted to `entries` (all when null), scaled by total / entries.length. */
export function knasScore(grads: Float32Array[], entries: number[] | null, total = grads[0]?.length ?? 0): number {
  if (!grads.length) return NaN;
  const ks = entries ?? Array.from({ length: total }, (_, k) => k);
  let score = 0;
  for (const k of ks) {
    let m = 0;
    for (const g of grads) m += g[k];
    m /= grads.length;
    score += m * m;
  }
  return ks.length ? (score * total) / ks.length : NaN;
}

export function knasEntries(seed: number, archKey: string, total: number, entries: number): number[] {
  return Rng.keyed(seed, archKey, 'knas-entries').sampleDistinct(total, Math.min(entries, total));
}

export default registerProxy({
  name: 'knas',
  description: 'KNAS mean gradient kernel ||mean_i dℓ_i/dθ||² over all conv/dense weights (entries: m > 0 estimates it ' +
    'from m seeded entries x P/m), per-sample CE gradients (batch-1 forwards, train-mode BN) of the first `samples` images.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: true },
  direction: 1,
  defaults: { samples: 50, entries: 0 },
  // entries 0 = all of them (the paper's quantity).
  optionRules: { entries: { kind: 'int', min: 0, max: 1e9 } },
  reference: 'KNAS paper (Xu et al., ICML 2021) mean-gradient-kernel definition on its scale (all entries); 50 gradient ' +
    'draws as Jingjing-NLP/KNAS; its subset estimator is not reproduced',
  compute: async (ctx, options) => {
    const samples = positiveInt('knas', options, 'samples');
    const entries = positiveInt('knas', options, 'entries', 0);
    const ps = await perSampleGrads(ctx, samples);
    const total = ps.offsets[ps.weights.length];
    return knasScore(ps.grads, entries === 0 || entries >= total ? null : knasEntries(ctx.seed, ctx.archKey, total, entries), total);
  },
});
