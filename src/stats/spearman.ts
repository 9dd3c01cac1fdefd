// Spearman rho = Pearson correlation of average ranks, which is the tie-correct definition
// (the 1 - 6 sum d^2 / (n^3 - n) shortcut is only exact without ties).
import { averageRanks } from './ranks.js';
import { finitePairs, undefinedReason, type CorrelationResult } from './pairs.js';

/** rho of the finite pairs. Drops non-finite pairs; NaN with a reason for n < 2 or a constant side. */
export function spearmanRho(x: ArrayLike<number>, y: ArrayLike<number>): CorrelationResult {
  const p = finitePairs(x, y);
  return { ...pearson(averageRanks(p.x), averageRanks(p.y)), n: p.x.length, dropped: p.dropped };
}

/** Pearson correlation of finite vectors (two-pass, centred sums). NaN with a reason when undefined. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): { value: number; reason?: string } {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  const reason = undefinedReason(n, sxx === 0, syy === 0);
  if (reason) return { value: NaN, reason };
  return { value: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))) };
}
