// Percentile bootstrap over (score, accuracy) pairs. A resample is stored as a count per pair (its multiplicity),
// drawn from the seeded Rng, so the same seed gives the same intervals on every machine.
// Rank statistics are order-free, so a resample's sorted orders come from walking the full data's sorted orders
// and repeating each pair by its count: no sort per resample. That keeps B = 1000 on 15,625 archs near a second.
import { Rng } from '../engine/rng.js';
import { tauBOfSorted } from './kendall.js';
import { finitePairs } from './pairs.js';
import { sortedOrder } from './ranks.js';

export type Interval = [lo: number, hi: number];

export interface BootstrapOptions {
  /** Number of resamples B; 0 turns the bootstrap off (intervals are [NaN, NaN]). Default 1000. */
  resamples?: number;
  /** Default 0. */
  seed?: number;
  /** Extra stream name, e.g. the proxy, so one proxy's intervals do not depend on which others ran. */
  stream?: string;
  /** Coverage, default 0.95. */
  level?: number;
}

/** Fills `counts` with the multiplicities of n draws with replacement from 0..n-1. */
export function drawResample(rng: Rng, counts: Uint32Array): void {
  const n = counts.length;
  counts.fill(0);
  for (let d = 0; d < n; d++) counts[rng.int(n)]++;
}

/**
 * Percentile interval (linear interpolation between order statistics, numpy's default) of the finite values;
 * resamples whose statistic is undefined (e.g. a constant resample) are left out. [NaN, NaN] if none is finite.
 */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): Interval {
  const v = Float64Array.from(values).filter(Number.isFinite).sort();
  if (v.length === 0) return [NaN, NaN];
  const q = (p: number): number => {
    const h = (v.length - 1) * p, lo = Math.floor(h);
    return lo + 1 < v.length ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[lo];
  };
  return [q((1 - level) / 2), q((1 + level) / 2)];
}

function rngFor(opts: BootstrapOptions): Rng {
  return Rng.keyed(opts.seed ?? 0, 'bootstrap', opts.stream ?? '');
}

/**
 * Interval of any paired statistic, materialising each resample (pairs in input order, repeated by count).
 * General but slower; the rank intervals below use the same draws and so give the same resamples.
 */
export function bootstrapInterval(
  x: ArrayLike<number>, y: ArrayLike<number>,
  statistic: (x: Float64Array, y: Float64Array) => number,
  opts: BootstrapOptions = {},
): Interval {
  const p = finitePairs(x, y), n = p.x.length, B = opts.resamples ?? 1000;
  const rng = rngFor(opts), counts = new Uint32Array(n), stats = new Float64Array(B);
  const rx = new Float64Array(n), ry = new Float64Array(n);
  for (let b = 0; b < B; b++) {
    drawResample(rng, counts);
    let k = 0;
    for (let i = 0; i < n; i++) for (let c = 0; c < counts[i]; c++) { rx[k] = p.x[i]; ry[k] = p.y[i]; k++; }
    stats[b] = statistic(rx, ry);
  }
  return percentileInterval(stats, opts.level);
}

/** Spearman and Kendall intervals from the same B resamples of the finite pairs. */
export function bootstrapRankIntervals(
  x: ArrayLike<number>, y: ArrayLike<number>, opts: BootstrapOptions = {},
): { spearman: Interval; kendall: Interval } {
  const p = finitePairs(x, y), n = p.x.length, B = opts.resamples ?? 1000;
  const byXY = new Uint32Array(n);
  for (let i = 0; i < n; i++) byXY[i] = i;
  byXY.sort((a, b) => p.x[a] - p.x[b] || p.y[a] - p.y[b]);
  const byY = sortedOrder(p.y);
  const rng = rngFor(opts), counts = new Uint32Array(n);
  const rankX = new Float64Array(n), rankY = new Float64Array(n);
  const xs = new Float64Array(n), ys = new Float64Array(n);
  const rho = new Float64Array(B), tau = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    drawResample(rng, counts);
    weightedRanks(p.x, byXY, counts, rankX);
    weightedRanks(p.y, byY, counts, rankY);
    rho[b] = weightedRankPearson(counts, rankX, rankY);
    let k = 0;
    for (const i of byXY) for (let c = 0; c < counts[i]; c++) { xs[k] = p.x[i]; ys[k] = p.y[i]; k++; }
    tau[b] = tauBOfSorted(xs, ys).value;
  }
  return { spearman: percentileInterval(rho, opts.level), kendall: percentileInterval(tau, opts.level) };
}

/** Average ranks within the resample: a group of equal values holding T draws after `pos` draws gets pos + (T+1)/2. */
function weightedRanks(values: Float64Array, order: Uint32Array, counts: Uint32Array, out: Float64Array): void {
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i, total = 0;
    while (j < order.length && values[order[j]] === values[order[i]]) total += counts[order[j++]];
    const rank = pos + (total + 1) / 2;
    for (let k = i; k < j; k++) out[order[k]] = rank;
    pos += total;
    i = j;
  }
}

/** Pearson of the ranks with each pair weighted by its count; the mean rank of n draws is (n+1)/2 exactly. */
function weightedRankPearson(counts: Uint32Array, rx: Float64Array, ry: Float64Array): number {
  const n = counts.length, mean = (n + 1) / 2;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    if (c === 0) continue;
    const dx = rx[i] - mean, dy = ry[i] - mean;
    sxy += c * dx * dy; sxx += c * dx * dx; syy += c * dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
