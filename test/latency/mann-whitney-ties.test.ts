import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erfc } from '../../src/stats/descriptive.js';
import { mannWhitneyU } from '../../src/stats/mann-whitney.js';

test('tie-corrected normal approximation with continuity correction, by hand', () => {
  // Pooled sorted: 1 2 2 2 3 3 4 5 6 6 7; midranks 1, 3 3 3, 5.5 5.5, 7, 8, 9.5 9.5, 11.
  // R_x = 1 + 3 + 3 + 5.5 + 7 = 19.5, U = 19.5 - 5*6/2 = 4.5. Ties: 3^3-3 + 2^3-2 + 2^3-2 = 36.
  // var = 5*6/12 * (12 - 36/(11*10)) = 29.181818..., z = -(15 - 4.5 - 0.5) / sqrt(var).
  const r = mannWhitneyU([1, 2, 2, 3, 4], [2, 3, 5, 6, 6, 7]);
  const z = -10 / Math.sqrt(2.5 * (12 - 36 / 110));
  assert.equal(r.u, 4.5);
  assert.equal(r.ties, true);
  assert.equal(r.method, 'normal');
  assert.ok(Math.abs(r.z - z) < 1e-12);
  assert.ok(Math.abs(r.z - -1.851159) < 1e-6);
  assert.ok(Math.abs(r.pValue - erfc(-z / Math.SQRT2)) < 1e-12);
  assert.ok(Math.abs(r.pValue - 0.064147) < 1e-6); // 2 Phi(-1.851159)
});

test('all values tied: no evidence, p = 1', () => {
  const r = mannWhitneyU([3, 3, 3], [3, 3]);
  assert.equal(r.u, 3);
  assert.equal(r.z, 0);
  assert.equal(r.pValue, 1);
});
