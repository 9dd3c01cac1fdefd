// The latency verdict of a PR's head against its base, measured side by side (latency/ab-measure.ts).
//
// The rule, and why:
// 1. Statistic. Noise on a shared runner is one-sided: preemption and a neighbour's load only ever add time. The
//    fast part of each side (the mean of its fastest `fastFraction`, default 25%, at least 3 samples) measures the
//    network; the slow part measures the neighbours. T = log(fast(head)) - log(fast(base)); the ratio is exp(T).
// 2. Its uncertainty comes from the design itself. Within a round the order is shuffled, so under "no change" the
//    base and head samples of a round are exchangeable whatever the load did: swapping them is a fair coin per
//    round. Swapping a random half of the rounds (B sign flips) gives the randomisation distribution of T. We take
//    its spread on data centred at the estimate (head divided by exp(T)), so it also applies to a real change.
//    Load bursts, drift and per-round coupling are inside that spread; no independence of samples is assumed.
//    On the CPU clock (ab-measure.ts) preemption is gone already, and a quarter of the samples gave a smaller
//    spread than a tenth on this project's loaded 2-core machine (flip sd 0.015-0.02 vs 0.017-0.024 at 117 rounds).
// 3. Interval. CI = exp(T -/+ z * sd) with z for two-sided level alpha / K (Bonferroni over the K looks of the
//    schedule: at most K looks happen, so the chance that any interval of the sequence misses the true ratio
//    stays <= alpha). The schedule doubles (20, 40, 80, ... rounds), so K stays small (9 up to 5000 rounds).
// 4. Decision at each look, band = [1/(1+e), 1+e] with e = latency_min_effect:
//      CI wholly above 1+e         -> slower   (and the plain randomisation test of "no change" has p <= alpha:
//      CI wholly below 1/(1+e)     -> faster    an exact guard on the A/A error, whatever the shape of the noise)
//      CI wholly inside the band   -> same     (two one-sided tests: each bound at level alpha / K, z one-sided)
//      otherwise: sample more rounds; at the final look (time budget or round cap) -> unsure.
//    `same` and `slower` both need the interval, so a real 10% slowdown that the budget cannot resolve is
//    `unsure`, never `same`.
// bench/ab-decision.ts measures the error rates on this machine (A/A under two busy competitors, a 10% slowdown).

import { Rng } from '../engine/rng.js';
import { median, normalQuantile } from '../stats/descriptive.js';
import type { AbVerdict } from './ab-types.js';

export interface AbRuleOptions {
  /** Total error rate of the whole sequence of looks (the spec's latency_alpha). */
  alpha: number;
  /** Relative effect that matters, e.g. 0.05. */
  minEffect: number;
  /** Maximum number of looks K (scheduled ones plus the final one). */
  looks: number;
  fastFraction?: number;
  /** Sign flips for the randomisation distribution (default 400). */
  flips?: number;
  seed?: number;
}

export interface AbDecision {
  /** 'continue' while undecided before the final look. */
  verdict: AbVerdict | 'continue';
  ratio: number;
  ciLow: number;
  ciHigh: number;
  /** Exact randomisation p-value of "no change" (two-sided). */
  pNoChange: number;
  baseMedianMs: number;
  headMedianMs: number;
  rounds: number;
}

export const DEFAULT_AB_FAST_FRACTION = 0.25;
const MIN_FAST = 3;
const DEFAULT_FLIPS = 400;

function fastMean(xs: Float64Array, keep: number): number {
  xs.sort();
  let s = 0;
  for (let i = 0; i < keep; i++) s += xs[i]!;
  return s / keep;
}

/** log fast(head) - log fast(base) after swapping the rounds where swap[t] is set. */
function statistic(base: readonly number[], head: readonly number[], headScale: number, swap: Uint8Array | null, keep: number): number {
  const n = base.length;
  const b = new Float64Array(n), h = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const x = base[t]!, y = head[t]! * headScale;
    if (swap && swap[t]) { b[t] = y; h[t] = x; } else { b[t] = x; h[t] = y; }
  }
  return Math.log(fastMean(h, keep)) - Math.log(fastMean(b, keep));
}

/** The rule at one look; base[t] and head[t] come from the same round. */
export function abDecide(base: readonly number[], head: readonly number[], look: { index: number; final: boolean }, opts: AbRuleOptions): AbDecision {
  const { alpha, minEffect, looks } = opts;
  if (base.length !== head.length) throw new RangeError(`abDecide: ${base.length} base vs ${head.length} head samples; they must be paired by round`);
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`abDecide: alpha must be in (0, 1), got ${alpha}`);
  if (!(minEffect > 0)) throw new RangeError(`abDecide: minEffect must be > 0, got ${minEffect}`);
  if (!(Number.isInteger(looks) && looks >= 1)) throw new RangeError(`abDecide: looks must be a positive integer, got ${looks}`);
  for (const v of [...base, ...head]) if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`abDecide: ${v} is not a positive latency`);
  const n = base.length;
  const undecided = { verdict: look.final ? 'unsure' as const : 'continue' as const };
  if (n < 2 * MIN_FAST) {
    return { ...undecided, ratio: NaN, ciLow: NaN, ciHigh: NaN, pNoChange: 1, rounds: n,
      baseMedianMs: n ? median(base) : NaN, headMedianMs: n ? median(head) : NaN };
  }
  const keep = Math.max(MIN_FAST, Math.ceil((opts.fastFraction ?? DEFAULT_AB_FAST_FRACTION) * n));
  const t0 = statistic(base, head, 1, null, keep);
  const rng = Rng.keyed(opts.seed ?? 0, 'ab-flips', n, look.index);
  const B = opts.flips ?? DEFAULT_FLIPS;
  const swap = new Uint8Array(n);
  const centred = Math.exp(-t0);
  let sum = 0, sum2 = 0, extreme = 0;
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < n; t++) swap[t] = rng.nextUint32() & 1;
    const c = statistic(base, head, centred, swap, keep);
    sum += c; sum2 += c * c;
    // The same flips on the raw data: the exact randomisation test of "no change".
    if (Math.abs(statistic(base, head, 1, swap, keep)) >= Math.abs(t0) - 1e-12) extreme++;
  }
  const mean = sum / B;
  const sd = Math.sqrt(Math.max(0, sum2 / B - mean * mean));
  const z = normalQuantile(1 - alpha / (2 * looks));
  const lo = Math.exp(t0 - z * sd), hi = Math.exp(t0 + z * sd);
  // Equivalence needs each bound on its own side (TOST), so one-sided z; the reported interval is the two-sided one.
  const zSame = normalQuantile(1 - alpha / looks);
  const pNoChange = (extreme + 1) / (B + 1);
  const up = 1 + minEffect, down = 1 / up;
  let verdict: AbDecision['verdict'] = undecided.verdict;
  if (lo > up && pNoChange <= alpha) verdict = 'slower';
  else if (hi < down && pNoChange <= alpha) verdict = 'faster';
  else if (Math.exp(t0 - zSame * sd) >= down && Math.exp(t0 + zSame * sd) <= up) verdict = 'same';
  return { verdict, ratio: Math.exp(t0), ciLow: lo, ciHigh: hi, pNoChange, rounds: n, baseMedianMs: median(base), headMedianMs: median(head) };
}

/** Rounds at which the rule looks: first after `first` rounds, then each `growth` times the last, below `max`. */
export function lookSchedule(first: number, max: number, growth = 2): number[] {
  const out: number[] = [];
  for (let n = Math.max(first, 2 * MIN_FAST); n < max; n = Math.max(n + 1, Math.ceil(n * growth))) out.push(n);
  return out;
}
