// Pearson correlation matrix of the ROWS of an n x d matrix (numpy.corrcoef with rowvar=True), in float64.
// A row with zero variance has an undefined correlation: its row and column are NaN, as in numpy.
import type { SquareMatrix } from './eigen.js';

export function corrcoef(rows: ArrayLike<number>, n: number, d: number): SquareMatrix {
  if (rows.length !== n * d) throw new RangeError(`corrcoef: expected ${n}x${d} = ${n * d} values, got ${rows.length}`);
  const centred = new Float64Array(n * d);
  const sumSq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let mean = 0;
    for (let k = 0; k < d; k++) mean += rows[o + k];
    mean /= d;
    let ss = 0;
    for (let k = 0; k < d; k++) {
      const v = rows[o + k] - mean;
      centred[o + k] = v;
      ss += v * v;
    }
    sumSq[i] = ss;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * d;
    for (let j = i; j < n; j++) {
      const oj = j * d;
      let s = 0;
      for (let k = 0; k < d; k++) s += centred[oi + k] * centred[oj + k];
      // sqrt(ss_i * ss_j) rather than a product of norms: the diagonal comes out exactly 1. numpy clips to
      // [-1, 1] after dividing; 0/0 stays NaN.
      let r = s / Math.sqrt(sumSq[i] * sumSq[j]);
      if (r > 1) r = 1;
      else if (r < -1) r = -1;
      out[i * n + j] = r;
      out[j * n + i] = r;
    }
  }
  return { n, data: out };
}
