// Distribution-free confidence interval for the median from order statistics. For a continuous distribution the
// number of samples below the true median is Binomial(n, 1/2), whatever the distribution, so
// P(x_(k) <= median <= x_(n-k+1)) = 1 - 2 P(B <= k - 1). No assumption about the shape of the latency
// distribution (skewed, heavy-tailed under CPU steal) is needed.

import { normalCdf, normalQuantile, sortedCopy } from './descriptive.js';

/** Up to this n the binomial tail is summed exactly; above it the normal approximation is accurate to a rank. */
export const EXACT_MEDIAN_CI_MAX_N = 300;

export interface MedianCiRanks {
  /** 1-based ranks of the order statistics bounding the interval (lowerRank + upperRank = n + 1). */
  lowerRank: number;
  upperRank: number;
  /** Actual coverage of [x_(lowerRank), x_(upperRank)]: >= the requested confidence, except when n is too small. */
  coverage: number;
  method: 'exact' | 'normal';
}

export interface MedianCi extends MedianCiRanks {
  lo: number;
  hi: number;
}

/** log P(B = i) for B ~ Binomial(n, 1/2), i = 0..n, by the ratio recursion (no factorial overflow). */
function logBinomialHalfPmf(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  out[0] = -n * Math.LN2;
  for (let i = 0; i < n; i++) out[i + 1] = out[i]! + Math.log((n - i) / (i + 1));
  return out;
}

/**
 * Ranks for a two-sided interval of the given confidence: the largest k >= 1 with P(B <= k - 1) <= (1 - confidence) / 2.
 * When even [min, max] is short of the confidence (n <= 5 at 95%), returns [1, n] with its smaller true coverage.
 */
export function medianCiRanks(n: number, confidence = 0.95): MedianCiRanks {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`medianCiRanks needs n >= 1, got ${n}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const tail = ((1 - confidence) / 2) * (1 + 1e-12); // tolerance for confidences like 0.8 not exact in binary
  if (n <= EXACT_MEDIAN_CI_MAX_N) {
    const logPmf = logBinomialHalfPmf(n);
    let k = 0, cdf = 0; // cdf = P(B <= k - 1) for the next candidate k
    for (let cand = 1; cand <= Math.ceil(n / 2); cand++) {
      const next = cdf + Math.exp(logPmf[cand - 1]!);
      if (next > tail) break;
      k = cand;
      cdf = next;
    }
    if (k === 0) return { lowerRank: 1, upperRank: n, coverage: 1 - 2 * Math.exp(logPmf[0]!), method: 'exact' };
    return { lowerRank: k, upperRank: n - k + 1, coverage: 1 - 2 * cdf, method: 'exact' };
  }
  // B ~ N(n/2, n/4) with continuity correction: P(B <= k - 1) ~ Phi((k - 1/2 - n/2) / (sqrt(n)/2)).
  const z = normalQuantile(1 - tail);
  const k = Math.max(1, Math.floor(n / 2 + 0.5 - (z * Math.sqrt(n)) / 2));
  const coverage = 1 - 2 * normalCdf((k - 0.5 - n / 2) / (Math.sqrt(n) / 2));
  return { lowerRank: k, upperRank: n - k + 1, coverage, method: 'normal' };
}

/** Confidence interval for the median of xs (unsorted; not mutated). */
export function medianCi(xs: readonly number[], confidence = 0.95): MedianCi {
  if (xs.length === 0) throw new RangeError('medianCi of an empty sample is undefined');
  const sorted = sortedCopy(xs);
  const ranks = medianCiRanks(sorted.length, confidence);
  return { ...ranks, lo: sorted[ranks.lowerRank - 1]!, hi: sorted[ranks.upperRank - 1]! };
}
