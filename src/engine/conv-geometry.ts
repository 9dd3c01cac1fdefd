// Index bookkeeping shared by the conv gradient kernels. All layouts are NHWC, filters [kh, kw, in, out].
import type * as tf from '@tensorflow/tfjs';
import type { KernelScope } from './kernel-scope.js';

export interface Window1D {
  /** first row of the source that is used */
  start: number;
  /** rows used */
  size: number;
  /** zero rows to add before / after the used rows */
  before: number;
  after: number;
}

/**
 * Rows [a, b] (inclusive, may reach outside [0, len)) of a source of `len` rows, as a crop plus zero padding.
 * Outside rows are zeros: rows past the source are padded, rows of the source outside [a, b] are cropped.
 */
export function window1D(len: number, a: number, b: number): Window1D {
  const start = Math.max(0, a);
  const end = Math.min(len - 1, b);
  return { start, size: Math.max(0, end - start + 1), before: Math.max(0, -a), after: Math.max(0, b - (len - 1)) };
}

/**
 * Spreads the rows and columns of x [N, h, w, C] `sh`/`sw` apart with zeros in between (the "transposed
 * stride"): result [N, h*sh, w*sw, C], x[n, i, j] at [n, i*sh, j*sw]; the trailing zeros are cropped later.
 */
export function spreadSpatial(s: KernelScope, x: tf.TensorInfo, sh: number, sw: number): tf.TensorInfo {
  if (sh === 1 && sw === 1) return x;
  const [n, h, w, c] = x.shape;
  const six = s.reshape(x, [n, h, 1, w, 1, c]);
  const padded = s.run('PadV2', { x: six }, {
    paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0,
  });
  return s.reshape(padded, [n, h * sh, w * sw, c]);
}

/** Crops x [N, H, W, C] to the used rows/columns of two windows (no copy when nothing is cropped). */
export function cropSpatial(s: KernelScope, x: tf.TensorInfo, rows: Window1D, cols: Window1D): tf.TensorInfo {
  const [n, h, w, c] = x.shape;
  if (rows.start === 0 && rows.size === h && cols.start === 0 && cols.size === w) return x;
  return s.run('Slice', { x }, { begin: [0, rows.start, cols.start, 0], size: [n, rows.size, cols.size, c] });
}

export function explicitPad(rows: Window1D, cols: Window1D): [[number, number], [number, number], [number, number], [number, number]] {
  return [[0, 0], [rows.before, rows.after], [cols.before, cols.after], [0, 0]];
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function assertShape(kernel: string, got: readonly number[], want: readonly number[]): void {
  if (!sameShape(got, want)) {
    throw new Error(`${kernel} replacement produced shape [${got.join(',')}], expected [${want.join(',')}] (zsnas bug)`);
  }
}
