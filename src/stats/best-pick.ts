// Table-4 style selection: the accuracy a search would get by trusting the proxy's single best arch.
import { compareKeys } from './ranks.js';

export interface BestPick {
  /** The top-scoring arch; among tied top scores the smallest key. null when no score is finite. */
  arch: string | null;
  /**
   * Accuracy of the pick. When several archs share the top score the proxy cannot choose between them, so this
   * is the mean accuracy of that tied group (the expected accuracy of a uniform random choice among them).
   */
  accuracy: number;
  /** Size of the tied top group (0 when no score is finite). */
  ties: number;
  /** Best accuracy among all archs with a finite accuracy, scored or not by this proxy (NaN scores included). */
  bestAccuracy: number;
  /** bestAccuracy - accuracy (>= 0). */
  regret: number;
}

/**
 * Higher score is better (flip lower-is-better proxies first). Entries with non-finite accuracy are ignored;
 * entries with a non-finite score cannot be picked but still count for bestAccuracy: a proxy that fails on the
 * best arch is charged for it.
 */
export function bestPick(scores: ArrayLike<number>, accuracy: ArrayLike<number>, keys: ArrayLike<string>): BestPick {
  let top = -Infinity, bestAccuracy = -Infinity;
  const group: number[] = [];
  for (let i = 0; i < accuracy.length; i++) {
    if (!Number.isFinite(accuracy[i])) continue;
    bestAccuracy = Math.max(bestAccuracy, accuracy[i]);
    const s = scores[i];
    if (!Number.isFinite(s) || s < top) continue;
    if (s > top) { top = s; group.length = 0; }
    group.push(i);
  }
  if (bestAccuracy === -Infinity) bestAccuracy = NaN;
  if (group.length === 0) return { arch: null, accuracy: NaN, ties: 0, bestAccuracy, regret: NaN };
  let sum = 0, arch = keys[group[0]];
  for (const i of group) {
    sum += accuracy[i];
    if (compareKeys(keys[i], arch) < 0) arch = keys[i];
  }
  const mean = sum / group.length;
  return { arch, accuracy: mean, ties: group.length, bestAccuracy, regret: bestAccuracy - mean };
}
