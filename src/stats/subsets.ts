// The high-accuracy region: the survey's "top-5%" is the ceil(p * n) most accurate archs, where n counts the
// archs that were scored and have a finite accuracy. The subset is fixed by accuracy alone (a NaN score does not
// move an arch out of it); non-finite scores inside it are then dropped, and counted, by the correlations.
import { kendallTauB } from './kendall.js';
import { spearmanRho } from './spearman.js';
import { compareKeys } from './ranks.js';
import type { CorrelationResult } from './pairs.js';

/** ceil(fraction * n), with the product rounded to 1e-9 first so that e.g. 0.07 * 100 gives 7, not 8. */
export function topCount(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`top fraction must be in (0, 1], got ${fraction}`);
  return n === 0 ? 0 : Math.max(1, Math.ceil(Math.round(fraction * n * 1e9) / 1e9));
}

/**
 * Indices of the ceil(fraction * n) most accurate entries among those with finite accuracy, most accurate first.
 * Ties at the cut are broken by arch key (code-unit order, smaller first), or by index when no keys are given,
 * so the subset always has exactly that size and never depends on input order when keys are given.
 */
export function topByAccuracy(accuracy: ArrayLike<number>, fraction = 0.05, keys?: ArrayLike<string>): number[] {
  const finite: number[] = [];
  for (let i = 0; i < accuracy.length; i++) if (Number.isFinite(accuracy[i])) finite.push(i);
  finite.sort((a, b) =>
    accuracy[b] - accuracy[a] || (keys ? compareKeys(keys[a], keys[b]) : 0) || a - b);
  return finite.slice(0, topCount(finite.length, fraction));
}

export interface TopSubsetCorrelations {
  spearman: CorrelationResult;
  kendall: CorrelationResult;
  /** Size of the subset before non-finite scores are dropped. */
  size: number;
}

/** Spearman and Kendall on the top-fraction subset by accuracy (see topByAccuracy). */
export function topSubsetCorrelations(
  scores: ArrayLike<number>, accuracy: ArrayLike<number>, fraction = 0.05, keys?: ArrayLike<string>,
): TopSubsetCorrelations {
  const top = topByAccuracy(accuracy, fraction, keys);
  const s = top.map((i) => scores[i]), a = top.map((i) => accuracy[i]);
  return { spearman: spearmanRho(s, a), kendall: kendallTauB(s, a), size: top.length };
}
