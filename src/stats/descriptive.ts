// Descriptive statistics for latency samples. Every function takes an unsorted array and never mutates it.

function requireNonEmpty(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty sample is undefined`);
}

/** Ascending copy (numeric comparison, unlike the default sort). */
export function sortedCopy(xs: readonly number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/**
 * Quantile with linear interpolation between order statistics: Hyndman & Fan type 7 (R's default, NumPy's
 * 'linear'). For sorted x[0..n-1] the position is h = (n - 1) q, and the value x[floor h] + (h - floor h) *
 * (x[floor h + 1] - x[floor h]). So q = 0 is the minimum, q = 1 the maximum, q = 0.5 the usual median.
 */
export function quantile(xs: readonly number[], q: number): number {
  requireNonEmpty(xs, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be in [0, 1], got ${q}`);
  return quantileSorted(sortedCopy(xs), q);
}

/** Type-7 quantile of an already ascending array (no copy, no check of the order). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

export function p25(xs: readonly number[]): number {
  return quantile(xs, 0.25);
}

export function p75(xs: readonly number[]): number {
  return quantile(xs, 0.75);
}

export function min(xs: readonly number[]): number {
  requireNonEmpty(xs, 'min');
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

export function max(xs: readonly number[]): number {
  requireNonEmpty(xs, 'max');
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

export function mean(xs: readonly number[]): number {
  requireNonEmpty(xs, 'mean');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (denominator n - 1); 0 for a single value. Two-pass for accuracy. */
export function std(xs: readonly number[]): number {
  const m = mean(xs);
  if (xs.length < 2) return 0;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/** Coefficient of variation: sample std / mean (NaN when the mean is 0). */
export function cv(xs: readonly number[]): number {
  const m = mean(xs);
  return m === 0 ? NaN : std(xs) / m;
}

// Standard normal distribution, shared by the tests and intervals built on normal approximations.

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * Complementary error function, ~1e-14 relative accuracy. Below 3 an all-positive series
 * erf(x) = 2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)) (no cancellation); above 3 the
 * continued fraction of erfc, evaluated bottom-up, which converges fast there and keeps the tiny tail exact.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    let term = x, sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
  }
  if (x > 27) return 0;
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  let f = x;
  for (let k = 80; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** P(Z <= z) for a standard normal Z. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** z with P(Z <= z) = p: bisection to bracket, then Newton steps on the accurate cdf. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile p must be in [0, 1], got ${p}`);
  }
  let lo = -40, hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid; else hi = mid;
  }
  let z = (lo + hi) / 2;
  for (let i = 0; i < 3; i++) {
    const pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (pdf === 0) break;
    z -= (normalCdf(z) - p) / pdf;
  }
  return z;
}
