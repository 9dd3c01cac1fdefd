// log|det A| in float64: Cholesky for the symmetric positive-definite case (NASWOT's K almost always is), LU with
// partial pivoting otherwise. A zero pivot means a singular matrix: -Infinity, as numpy's slogdet reports.
import { hasNonFinite, type SquareMatrix } from './eigen.js';

export interface LogDet {
  /** log|det A|; -Infinity when singular, NaN when A has a non-finite entry. */
  logAbsDet: number;
  /** sign of det A (0 when singular or NaN). */
  sign: number;
  method: 'cholesky' | 'lu';
}

/**
 * Cholesky of a symmetric matrix (lower triangle read): log det, or null when A is not (safely) positive
 * definite. A pivot within rounding of zero (<= n * eps * a_jj) also gives null: on an exactly singular matrix
 * (NASWOT's K when samples share every code) Cholesky leaves a tiny rounding residue where LU finds an exact 0.
 */
export function choleskyLogDet(m: SquareMatrix): number | null {
  const { n, data } = m;
  const l = new Float64Array(n * n);
  let logdet = 0;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = data[rj + j];
    for (let k = 0; k < j; k++) d -= l[rj + k] * l[rj + k];
    if (!(d > n * Number.EPSILON * data[rj + j])) return null;
    const ljj = Math.sqrt(d);
    l[rj + j] = ljj;
    logdet += 2 * Math.log(ljj);
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = data[ri + j];
      for (let k = 0; k < j; k++) s -= l[ri + k] * l[rj + k];
      l[ri + j] = s / ljj;
    }
  }
  return logdet;
}

/** LU with partial pivoting: log|det| and sign; an exactly zero pivot gives -Infinity. */
export function luLogDet(m: SquareMatrix): { logAbsDet: number; sign: number } {
  const { n } = m;
  const a = Float64Array.from(m.data);
  let logAbsDet = 0;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (best === 0) return { logAbsDet: -Infinity, sign: 0 };
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = a[k * n + j]; a[k * n + j] = a[p * n + j]; a[p * n + j] = t;
      }
      sign = -sign;
    }
    const pivot = a[k * n + k];
    if (pivot < 0) sign = -sign;
    logAbsDet += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / pivot;
      if (f === 0) continue;
      const ri = i * n, rk = k * n;
      for (let j = k + 1; j < n; j++) a[ri + j] -= f * a[rk + j];
    }
  }
  return { logAbsDet, sign };
}

/** log|det A| (numpy.linalg.slogdet semantics), Cholesky first when A is symmetric. */
export function logAbsDet(m: SquareMatrix): LogDet {
  if (m.n === 0) return { logAbsDet: 0, sign: 1, method: 'lu' };
  if (hasNonFinite(m)) return { logAbsDet: NaN, sign: 0, method: 'lu' };
  if (isSymmetric(m)) {
    const c = choleskyLogDet(m);
    if (c !== null) return { logAbsDet: c, sign: 1, method: 'cholesky' };
  }
  return { ...luLogDet(m), method: 'lu' };
}

function isSymmetric(m: SquareMatrix): boolean {
  const { n, data } = m;
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (data[i * n + j] !== data[j * n + i]) return false;
  return true;
}
