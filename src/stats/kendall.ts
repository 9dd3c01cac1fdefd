// Kendall tau-b in O(n log n) (Knight 1966): sort pairs by (x, y), then every strict inversion of y in that order
// is a discordant pair, counted by a merge sort. Ties come from run lengths of the sorted sequences:
//   n0 = n(n-1)/2, n1 = pairs tied on x, n2 = pairs tied on y, n3 = pairs tied on both,
//   nc + nd = n0 - n1 - n2 + n3, so nc - nd = n0 - n1 - n2 + n3 - 2 nd,
//   tau_b = (nc - nd) / sqrt((n0 - n1)(n0 - n2)).
// All counts are integers below 2^53 for any n a benchmark has, so the numerator is exact.
import { finitePairs, undefinedReason, type CorrelationResult } from './pairs.js';

/** tau-b of finite pairs on (x, y). Drops non-finite pairs; NaN with a reason for n < 2 or a constant side. */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): CorrelationResult {
  const p = finitePairs(x, y);
  const n = p.x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => p.x[a] - p.x[b] || p.y[a] - p.y[b]);
  const xs = Float64Array.from(order, (i) => p.x[i]);
  const ys = Float64Array.from(order, (i) => p.y[i]);
  return { ...tauBOfSorted(xs, ys), n, dropped: p.dropped };
}

/**
 * tau-b of finite pairs already sorted ascending by x, then by y. The bootstrap builds its resamples in this
 * order directly, so it can skip the sort. `ys` is not modified.
 */
export function tauBOfSorted(xs: Float64Array, ys: Float64Array): { value: number; reason?: string } {
  const n = xs.length;
  const n0 = (n * (n - 1)) / 2;
  let n1 = 0, n3 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[j] === xs[i]) j++;
    n1 += ((j - i) * (j - i - 1)) / 2;
    for (let k = i; k < j; ) { // runs of equal y inside the x-tie group are joint ties
      let m = k + 1;
      while (m < j && ys[m] === ys[k]) m++;
      n3 += ((m - k) * (m - k - 1)) / 2;
      k = m;
    }
    i = j;
  }
  const sortedY = Float64Array.from(ys);
  const nd = sortAndCountInversions(sortedY);
  let n2 = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sortedY[j] === sortedY[i]) j++;
    n2 += ((j - i) * (j - i - 1)) / 2;
    i = j;
  }
  const reason = undefinedReason(n, n0 - n1 === 0, n0 - n2 === 0);
  if (reason) return { value: NaN, reason };
  const tau = (n0 - n1 - n2 + n3 - 2 * nd) / Math.sqrt((n0 - n1) * (n0 - n2));
  return { value: Math.max(-1, Math.min(1, tau)) };
}

/** Sorts `a` ascending in place; returns the number of pairs i < j with a[i] > a[j] (ties are not inversions). */
export function sortAndCountInversions(a: Float64Array): number {
  const n = a.length;
  let inversions = 0;
  // Insertion sort on short blocks (each shift passes one strictly larger value), then bottom-up merges.
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i];
      let j = i;
      while (j > lo && a[j - 1] > v) { a[j] = a[j - 1]; j--; }
      a[j] = v;
      inversions += i - j;
    }
  }
  let src: Float64Array = a, dst: Float64Array = new Float64Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      if (mid >= hi || src[mid - 1] <= src[mid]) { dst.set(src.subarray(lo, hi), lo); continue; } // already in order
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        // Equal values take the left one first: a tie is not an inversion.
        if (src[j] < src[i]) { dst[k++] = src[j++]; inversions += mid - i; }
        else dst[k++] = src[i++];
      }
      while (i < mid) dst[k++] = src[i++];
      while (j < hi) dst[k++] = src[j++];
    }
    const t = src; src = dst; dst = t;
  }
  if (src !== a) a.set(src);
  return inversions;
}

const RUN = 16;
