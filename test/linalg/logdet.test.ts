// log|det|: hand values, Cholesky vs LU vs eigenvalues, singular -> -Infinity, NaN input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { squareMatrix, symmetricEigenvalues } from '../../src/linalg/eigen.js';
import { logAbsDet, luLogDet } from '../../src/linalg/logdet.js';
import { randomSpd } from './spd.js';

test('hand values: [[4,2],[2,3]] det 8 (Cholesky); [[0,2],[3,1]] det -6 (LU)', () => {
  const a = logAbsDet(squareMatrix(2, [4, 2, 2, 3]));
  assert.equal(a.method, 'cholesky');
  assert.ok(Math.abs(a.logAbsDet - Math.log(8)) < 1e-15);
  const b = logAbsDet(squareMatrix(2, [0, 2, 3, 1]));
  assert.equal(b.method, 'lu');
  assert.equal(b.sign, -1);
  assert.ok(Math.abs(b.logAbsDet - Math.log(6)) < 1e-15);
});

test('symmetric indefinite [[1,2],[2,1]]: det -3 via the LU fallback', () => {
  const r = logAbsDet(squareMatrix(2, [1, 2, 2, 1]));
  assert.equal(r.method, 'lu');
  assert.equal(r.sign, -1);
  assert.ok(Math.abs(r.logAbsDet - Math.log(3)) < 1e-15);
});

test('random SPD 64x64: Cholesky = LU = sum of log eigenvalues', () => {
  const m = randomSpd(64, 5, 1);
  const chol = logAbsDet(m);
  assert.equal(chol.method, 'cholesky');
  const lu = luLogDet(m);
  const eig = symmetricEigenvalues(m).reduce((a, x) => a + Math.log(x), 0);
  assert.ok(Math.abs(chol.logAbsDet - lu.logAbsDet) < 1e-10 * Math.abs(lu.logAbsDet));
  assert.ok(Math.abs(chol.logAbsDet - eig) < 1e-9 * Math.abs(eig), `${chol.logAbsDet} vs ${eig}`);
});

test('singular (two identical rows of a PSD kernel) gives -Infinity', () => {
  const r = logAbsDet(squareMatrix(3, [3, 3, 1, 3, 3, 1, 1, 1, 3]));
  assert.equal(r.logAbsDet, -Infinity);
  assert.equal(r.sign, 0);
  assert.equal(logAbsDet(squareMatrix(2)).logAbsDet, -Infinity);
});

test('rank-1 integer kernel L 11^T (every sample the same code, e.g. NB201 all-none): -Infinity, not a rounding residue', () => {
  for (const [n, l] of [[16, 14337], [64, 1294337], [5, 3]]) {
    const r = logAbsDet(squareMatrix(n, new Float64Array(n * n).fill(l)));
    assert.equal(r.logAbsDet, -Infinity, `n=${n}, L=${l}`);
  }
});

test('ill-conditioned but regular SPD still gets a finite value (LU takes over near-zero Cholesky pivots)', () => {
  const e = 1e-9;
  const r = logAbsDet(squareMatrix(2, [1, 1, 1, 1 + e])); // det = e
  assert.ok(Math.abs(r.logAbsDet - Math.log(e)) < 1e-6, `${r.logAbsDet}`);
});

test('a NaN entry gives NaN', () => {
  assert.ok(Number.isNaN(logAbsDet(squareMatrix(2, [1, NaN, NaN, 1])).logAbsDet));
});

test('timing (printed): logdet 64x64 and 256x256', () => {
  for (const n of [64, 256]) {
    const m = randomSpd(n, n, 1);
    const t0 = performance.now();
    const r = logAbsDet(m);
    console.log(`logAbsDet ${n}x${n} (${r.method}): ${(performance.now() - t0).toFixed(1)} ms`);
    assert.ok(Number.isFinite(r.logAbsDet));
  }
});
