import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitneyCounts, mannWhitneyU } from '../../src/stats/mann-whitney.js';

test('exact null distribution of U for 3 vs 3 is the partition count table', () => {
  // Ways to get U = u among the C(6,3) = 20 orderings: partitions of u into at most 3 parts of size <= 3.
  assert.deepEqual([...mannWhitneyCounts(3, 3)], [1, 1, 2, 3, 3, 3, 3, 2, 1, 1]);
  assert.equal([...mannWhitneyCounts(5, 4)].reduce((a, b) => a + b, 0), 126);
});

test('exact two-sided p-values without ties, by hand', () => {
  // Complete separation, 3 vs 3: U = 0, P(U <= 0) = 1/20, two-sided 2/20.
  const sep = mannWhitneyU([1, 2, 3], [4, 5, 6]);
  assert.equal(sep.u, 0);
  assert.equal(sep.method, 'exact');
  assert.equal(sep.pValue, 0.1);
  // x = 19 22 16 29 24, y = 20 11 17 12: x beats y in 3 + 4 + 2 + 4 + 4 = 17 of 20 pairs.
  // P(U >= 17) = P(U <= 3) = (1 + 1 + 2 + 3) / 126, two-sided 14/126.
  const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
  assert.equal(r.u, 17);
  assert.ok(Math.abs(r.pValue - 14 / 126) < 1e-15);
  assert.ok(r.z > 0);
});
