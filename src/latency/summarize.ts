// Latency samples -> one LatencyRow: robust location and spread (median, quartiles, min), the order-statistic
// CI of the median, and the median relative to the reference workload timed in the same rounds.

import type { LatencyRow } from '../results.js';
import { cv, median, min, p25, p75 } from '../stats/descriptive.js';
import { medianCi } from '../stats/median-ci.js';

/**
 * referenceMedianMs: median of the reference workload (reference.ts) from the same measurement; `normalized` is
 * NaN when it is missing or not positive. Throws on an empty sample: a row without data is an error upstream.
 */
export function summarizeLatency(
  arch: string,
  batch: number,
  samples: readonly number[],
  referenceMedianMs?: number,
): LatencyRow {
  if (samples.length === 0) throw new RangeError(`summarizeLatency: no samples for ${arch} at batch ${batch}`);
  const med = median(samples);
  const ci = medianCi(samples, 0.95);
  return {
    arch,
    batch,
    median_ms: med,
    p25_ms: p25(samples),
    p75_ms: p75(samples),
    min_ms: min(samples),
    cv: cv(samples),
    n: samples.length,
    ci_low_ms: ci.lo,
    ci_high_ms: ci.hi,
    normalized: referenceMedianMs !== undefined && referenceMedianMs > 0 ? med / referenceMedianMs : NaN,
  };
}
