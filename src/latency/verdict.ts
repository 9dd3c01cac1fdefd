// Deciding whether head is slower or faster than base from repeated latency samples.
//
// The rule, and why it survives noisy shared runners:
// 0. Noise on a shared runner is one-sided: preemption, CPU steal and a neighbour's cache traffic can only add time
//    to a run (on this project's 2-core machine under load, 70-90% of 3 ms runs took one or more extra 4 ms scheduler
//    slices, and the median ratio of two identical networks ranged 0.85-1.14). The slow part of a sample measures
//    the neighbours; the fast part measures the network. So the test and the interval use the FAST PART of each
//    side: its fastest `fastFraction` (default 10%, at least 6 samples). Under "no change" both fast parts come
//    from the same distribution, so the test stays fair. Tuned with bench/latency-decision.ts: keeping 25% or 15%
//    let contaminated runs into the fast part at load 8 on 2 cores and missed a 10% slowdown in 10-20% of repeats.
// 1. Too few samples (fewer than minSamples per side) is never a change: 'same', with the reason.
// 2. Significance: two-sided Mann-Whitney U test on the fast parts, p < alpha. Ranks, not means: robust to the
//    outliers that remain.
// 3. Effect size judged on the whole interval, not on a point estimate: the (1 - alpha) confidence interval of the
//    ratio head/base (Hodges-Lehmann on log latencies of the fast parts: a multiplicative slowdown) must lie
//    entirely above 1 + minEffect (slower) or entirely below 1 / (1 + minEffect) (faster), and so must its point
//    estimate. Significance alone is not enough: samples taken close in time share their noise, which makes the
//    test somewhat over-confident, and with many samples a 1-2% systematic offset (heap layout, a frequency step)
//    becomes "significant". Requiring the interval outside the min-effect band reports only changes we are
//    confident are at least minEffect large.
// Cost: a true effect E is flagged reliably only when E - minEffect exceeds the interval's half-width, so set
// minEffect to about half the smallest slowdown worth reporting, and measure base and head interleaved in the same
// job (measure.ts) so that drift hits both alike. bench/latency-decision.ts checks the rates on a real machine.
// `ratio` stays the plain median ratio users expect; under heavy contention it can lie outside `ratioCi`, which is
// the interval of the fast-part ratio `fastRatio` that the decision used.

import { median, sortedCopy } from '../stats/descriptive.js';
import { hodgesLehmannRatio, mannWhitneyU } from '../stats/mann-whitney.js';

export { compareFingerprints } from './fingerprint.js';

export type LatencyVerdictKind = 'slower' | 'faster' | 'same';

export interface VerdictOptions {
  /** Significance level of the test; the ratio interval has confidence 1 - alpha. */
  alpha: number;
  /** Minimum relative effect, e.g. 0.05 for 5%. */
  minEffect: number;
  /** Fewer samples than this on either side is always 'same' (default 5; with 3 vs 3 even total separation has p = 0.1). */
  minSamples?: number;
  /** Fraction of each side, its fastest samples, that the decision uses (default 0.1; 1 = all samples). */
  fastFraction?: number;
}

export const DEFAULT_FAST_FRACTION = 0.1;

/** The fast part never has fewer than this many samples (or all of them, when a side has fewer). */
export const MIN_FAST_SAMPLES = 6;

export interface LatencyVerdict {
  verdict: LatencyVerdictKind;
  /** median(head) / median(base). */
  ratio: number;
  /** (1 - alpha) confidence interval of the ratio head/base, from the fast parts (see the rule above). */
  ratioCi: [number, number];
  /** Hodges-Lehmann estimate of head/base on the fast parts: the point estimate the decision used. */
  fastRatio: number;
  pValue: number;
  reason: string;
  nBase: number;
  nHead: number;
}

/** The fastest max(ceil(fraction n), MIN_FAST_SAMPLES) values (all of them when n is smaller). */
export function fastPart(xs: readonly number[], fraction: number): number[] {
  const keep = Math.min(xs.length, Math.max(Math.ceil(fraction * xs.length), MIN_FAST_SAMPLES));
  return sortedCopy(xs).slice(0, keep);
}

const pct = (r: number): string => `${((r - 1) * 100).toFixed(1)}%`;
const fmtP = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toPrecision(2));

export function latencyVerdict(base: readonly number[], head: readonly number[], opts: VerdictOptions): LatencyVerdict {
  const { alpha, minEffect } = opts;
  const minSamples = opts.minSamples ?? 5;
  const fastFraction = opts.fastFraction ?? DEFAULT_FAST_FRACTION;
  if (!(fastFraction > 0 && fastFraction <= 1)) {
    throw new RangeError(`latencyVerdict: fastFraction must be in (0, 1], got ${fastFraction}`);
  }
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`latencyVerdict: alpha must be in (0, 1), got ${alpha}`);
  if (!(minEffect >= 0)) throw new RangeError(`latencyVerdict: minEffect must be >= 0, got ${minEffect}`);
  for (const [name, xs] of [['base', base], ['head', head]] as const) {
    for (const v of xs) {
      if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`latencyVerdict: ${name} sample ${v} is not a positive latency`);
    }
  }
  const nBase = base.length, nHead = head.length;
  if (nBase === 0 || nHead === 0) {
    return { verdict: 'same', ratio: NaN, ratioCi: [NaN, NaN], fastRatio: NaN, pValue: 1, nBase, nHead,
      reason: `no samples (base ${nBase}, head ${nHead}): cannot compare` };
  }
  const ratio = median(head) / median(base);
  const fastBase = fastPart(base, fastFraction), fastHead = fastPart(head, fastFraction);
  const test = mannWhitneyU(fastHead, fastBase);
  const hl = hodgesLehmannRatio(fastBase, fastHead, 1 - alpha);
  const common = { ratio, ratioCi: [hl.lo, hl.hi] as [number, number], fastRatio: hl.ratio, pValue: test.pValue, nBase, nHead };
  const part = fastFraction < 1 ? `fastest ${fastBase.length}/${nBase} base, ${fastHead.length}/${nHead} head` : 'all samples';
  const ciText = `${(100 * (1 - alpha)).toFixed(0)}% CI of head/base [${hl.lo.toFixed(3)}, ${hl.hi.toFixed(3)}] (${part})`;

  if (nBase < minSamples || nHead < minSamples) {
    return { ...common, verdict: 'same',
      reason: `too few samples (base ${nBase}, head ${nHead}; need ${minSamples} each): not judged` };
  }
  if (!(test.pValue < alpha)) {
    return { ...common, verdict: 'same',
      reason: `no significant difference (Mann-Whitney p = ${fmtP(test.pValue)} >= ${alpha}, ${part}); median ratio ${ratio.toFixed(3)}` };
  }
  const up = 1 + minEffect, down = 1 / (1 + minEffect);
  if (hl.lo > up && hl.ratio > up) {
    return { ...common, verdict: 'slower',
      reason: `slower by ${pct(hl.ratio)} (p = ${fmtP(test.pValue)}; ${ciText} entirely above ${up.toFixed(3)})` };
  }
  if (hl.hi < down && hl.ratio < down) {
    return { ...common, verdict: 'faster',
      reason: `faster by ${pct(1 / hl.ratio)} (p = ${fmtP(test.pValue)}; ${ciText} entirely below ${down.toFixed(3)})` };
  }
  return { ...common, verdict: 'same',
    reason: `significant (p = ${fmtP(test.pValue)}) but smaller than the ${(minEffect * 100).toFixed(1)}% minimum effect: `
      + `ratio ${hl.ratio.toFixed(3)}, ${ciText} not entirely outside [${down.toFixed(3)}, ${up.toFixed(3)}]` };
}
