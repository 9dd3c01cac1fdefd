// Seeded symmetric positive-definite matrices for the linear-algebra tests.
import { Rng } from '../../src/engine/rng.js';
import { squareMatrix, type SquareMatrix } from '../../src/linalg/eigen.js';

/** A A^T + shift I for a seeded Gaussian n x n matrix A. */
export function randomSpd(n: number, seed: number, shift = 0): SquareMatrix {
  const a = Rng.keyed(seed, 'spd').fillNormal(new Float32Array(n * n));
  const m = squareMatrix(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? shift : 0;
    for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
    m.data[i * n + j] = s;
  }
  return m;
}
