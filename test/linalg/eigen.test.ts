// Symmetric eigenvalues: known spectra, trace/determinant identities, repeated eigenvalues, NaN input; timings printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { squareMatrix, symmetricEigenvalues } from '../../src/linalg/eigen.js';
import { choleskyLogDet } from '../../src/linalg/logdet.js';
import { randomSpd } from './spd.js';

function close(actual: ArrayLike<number>, expected: number[], tol: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])),
      `eigenvalue ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

test('diagonal matrix: the diagonal, ascending', () => {
  close(symmetricEigenvalues(squareMatrix(3, [3, 0, 0, 0, -1, 0, 0, 0, 2])), [-1, 2, 3], 1e-14);
});

test('tridiagonal [2,-1] 3x3: 2 - sqrt2, 2, 2 + sqrt2', () => {
  const m = squareMatrix(3, [2, -1, 0, -1, 2, -1, 0, -1, 2]);
  close(symmetricEigenvalues(m), [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 1e-14);
});

test('repeated eigenvalues: Q diag(1,1,1,5) Q^T with a Householder Q', () => {
  const v = [1, 2, -1, 3];
  const vv = v.reduce((a, x) => a + x * x, 0);
  const q = (i: number, j: number) => (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
  const d = [1, 1, 1, 5];
  const m = squareMatrix(4);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += q(i, k) * d[k] * q(j, k);
    m.data[i * 4 + j] = s;
  }
  close(symmetricEigenvalues(m), [1, 1, 1, 5], 1e-13);
});

test('random SPD 40x40: sum = trace, sum of logs = Cholesky log det, all positive', () => {
  const m = randomSpd(40, 11, 0.5);
  const ev = symmetricEigenvalues(m);
  let trace = 0;
  for (let i = 0; i < 40; i++) trace += m.data[i * 40 + i];
  const sum = ev.reduce((a, x) => a + x, 0);
  const logSum = ev.reduce((a, x) => a + Math.log(x), 0);
  assert.ok(ev[0] > 0);
  assert.ok(Math.abs(sum - trace) < 1e-10 * trace, `${sum} vs ${trace}`);
  const ld = choleskyLogDet(m)!;
  assert.ok(Math.abs(logSum - ld) < 1e-9 * Math.abs(ld), `${logSum} vs ${ld}`);
});

test('a NaN entry gives NaN eigenvalues (no endless iteration)', () => {
  const ev = symmetricEigenvalues(squareMatrix(2, [1, NaN, NaN, 1]));
  assert.ok(ev.every((x) => Number.isNaN(x)));
});

test('timing (printed): 64x64 and 256x256', () => {
  for (const n of [64, 256]) {
    const m = randomSpd(n, n);
    symmetricEigenvalues(m);
    const t0 = performance.now();
    const ev = symmetricEigenvalues(m);
    console.log(`symmetricEigenvalues ${n}x${n}: ${(performance.now() - t0).toFixed(1)} ms`);
    assert.equal(ev.length, n);
  }
});
