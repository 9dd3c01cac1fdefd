// Two-sided Mann-Whitney U (Wilcoxon rank-sum) test and the Hodges-Lehmann estimate of a latency ratio.
// Rank-based on purpose: latency noise on shared runners is skewed and heavy-tailed (CPU steal, GC pauses), and a
// few wild samples must not decide a verdict the way they would move a mean or a t-test.

import { normalQuantile, erfc, quantileSorted } from './descriptive.js';

/** Exact null distribution is used without ties up to this total sample size (counts stay exact in doubles). */
export const EXACT_MANN_WHITNEY_MAX_N = 50;

export interface MannWhitneyResult {
  /** U of x: number of pairs (x_i, y_j) with x_i > y_j, ties counting 1/2. Its null mean is nx ny / 2. */
  u: number;
  /** Normal score with tie and continuity correction (0 when every value is tied). Positive: x tends larger. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  nx: number;
  ny: number;
  /** Whether the pooled sample had ties (which rules out the exact distribution). */
  ties: boolean;
}

/** Midranks (1-based, ties share the mean rank) of the pooled sample, and sum over tie groups of t^3 - t. */
function midranks(pooled: readonly number[]): { ranks: Float64Array; tieTerm: number } {
  const order = pooled.map((_, i) => i).sort((a, b) => pooled[a]! - pooled[b]!);
  const ranks = new Float64Array(pooled.length);
  let tieTerm = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && pooled[order[j + 1]!] === pooled[order[i]!]) j++;
    const rank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    const t = j - i + 1;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieTerm };
}

/**
 * Null distribution of U for sizes (m, n) without ties: entry u is the number of the C(m+n, m) equally likely
 * orderings giving U = u. These counts are the coefficients of the Gaussian binomial [m+n choose m]_q,
 * built as prod_{i=1..m} (1 - q^(n+i)) / (1 - q^i); every intermediate is an integer polynomial.
 */
export function mannWhitneyCounts(m: number, n: number): Float64Array {
  const deg = m * n;
  const c = new Float64Array(deg + 1);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    const a = n + i;
    for (let u = deg; u >= a; u--) c[u]! -= c[u - a]!; // multiply by (1 - q^a)
    for (let u = i; u <= deg; u++) c[u]! += c[u - i]!; // divide by (1 - q^i): prefix sums with stride i
  }
  return c;
}

function validate(xs: readonly number[], name: string): void {
  if (xs.length === 0) throw new RangeError(`mannWhitneyU: sample ${name} is empty`);
  for (const v of xs) if (!Number.isFinite(v)) throw new RangeError(`mannWhitneyU: sample ${name} holds ${v}`);
}

/**
 * Two-sided Mann-Whitney U test of x against y. Exact when there are no ties and nx + ny <= 50 (unless
 * exact: false); otherwise the normal approximation with tie-corrected variance and continuity correction:
 * var U = nx ny / 12 * ((N + 1) - sum(t^3 - t) / (N (N - 1))), z = (|U - nx ny/2| - 1/2) / sd, signed.
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  opts: { exact?: boolean } = {},
): MannWhitneyResult {
  validate(x, 'x');
  validate(y, 'y');
  const nx = x.length, ny = y.length, N = nx + ny;
  const { ranks, tieTerm } = midranks([...x, ...y]);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += ranks[i]!;
  const u = rx - (nx * (nx + 1)) / 2;
  const mu = (nx * ny) / 2;
  const variance = ((nx * ny) / 12) * (N + 1 - (N > 1 ? tieTerm / (N * (N - 1)) : 0));
  const dev = u - mu;
  const sd = Math.sqrt(Math.max(variance, 0));
  const z = sd === 0 ? 0 : (Math.sign(dev) * Math.max(Math.abs(dev) - 0.5, 0)) / sd;
  const ties = tieTerm > 0;
  const exact = opts.exact ?? (!ties && N <= EXACT_MANN_WHITNEY_MAX_N);
  if (exact && !ties) {
    const counts = mannWhitneyCounts(nx, ny);
    let total = 0, below = 0, above = 0;
    for (let k = 0; k < counts.length; k++) {
      total += counts[k]!;
      if (k <= u) below += counts[k]!;
      if (k >= u) above += counts[k]!;
    }
    const pValue = Math.min(1, (2 * Math.min(below, above)) / total);
    return { u, z, pValue, method: 'exact', nx, ny, ties };
  }
  const pValue = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  return { u, z, pValue, method: 'normal', nx, ny, ties };
}

export interface RatioEstimate {
  /** Hodges-Lehmann estimate of head/base: exp(median over all pairs of ln head_j - ln base_i). */
  ratio: number;
  /** Confidence interval of the ratio (Moses' interval: order statistics of the pairwise log ratios). */
  lo: number;
  hi: number;
  confidence: number;
}

/**
 * Ratio head/base under a scale-shift model (a slowdown multiplies every latency by the same factor), i.e. a
 * location shift of the log latencies. The CI is the set of shifts the Mann-Whitney test would not reject:
 * [d_(k), d_(mn+1-k)] among the m n sorted pairwise log differences, with k - 1 the largest u such that
 * P(U <= u) <= (1 - confidence) / 2 (exact counts for small samples, normal approximation otherwise).
 */
export function hodgesLehmannRatio(base: readonly number[], head: readonly number[], confidence = 0.95): RatioEstimate {
  for (const [name, xs] of [['base', base], ['head', head]] as const) {
    if (xs.length === 0) throw new RangeError(`hodgesLehmannRatio: sample ${name} is empty`);
    for (const v of xs) {
      if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`hodgesLehmannRatio: ${name} holds ${v}, expected > 0`);
    }
  }
  const m = base.length, n = head.length, mn = m * n;
  const logBase = base.map(Math.log), logHead = head.map(Math.log);
  const diffs = new Float64Array(mn);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) diffs[i * n + j] = logHead[j]! - logBase[i]!;
  diffs.sort();
  const tail = (1 - confidence) / 2;
  let k: number;
  if (m + n <= EXACT_MANN_WHITNEY_MAX_N) {
    const counts = mannWhitneyCounts(m, n);
    const total = counts.reduce((s, c) => s + c, 0);
    let cdf = 0;
    k = 0;
    const limit = tail * total * (1 + 1e-12); // tolerance: (1 - 0.8) / 2 * 20 is 1.9999999999999996 in doubles
    while (k < counts.length && cdf + counts[k]! <= limit) cdf += counts[k++]!;
    // now k - 1 is the largest u with P(U <= u) <= tail; the interval uses rank k (1-based)
  } else {
    const sd = Math.sqrt((mn * (m + n + 1)) / 12);
    k = Math.floor(mn / 2 + 0.5 - normalQuantile(1 - tail) * sd);
  }
  k = Math.min(Math.max(k, 1), Math.ceil(mn / 2));
  const sortedDiffs = diffs as unknown as number[];
  return {
    ratio: Math.exp(quantileSorted(sortedDiffs, 0.5)),
    lo: Math.exp(diffs[k - 1]!),
    hi: Math.exp(diffs[mn - k]!),
    confidence,
  };
}
