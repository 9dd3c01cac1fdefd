import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cv, mean, median, min, p25, p75, quantile, std } from '../../src/stats/descriptive.js';

// Sorted: 2 4 4 4 5 5 7 9 (n = 8). Type-7 position h = 7 q.
const xs = [5, 2, 9, 4, 4, 7, 4, 5];

test('descriptive statistics match hand-computed values (type-7 quantiles)', () => {
  assert.equal(median(xs), 4.5); // h = 3.5: 4 + 0.5 (5 - 4)
  assert.equal(p25(xs), 4); // h = 1.75: 4 + 0.75 (4 - 4)
  assert.equal(p75(xs), 5.5); // h = 5.25: 5 + 0.25 (7 - 5)
  assert.ok(Math.abs(quantile(xs, 0.1) - 3.4) < 1e-12); // h = 0.7: 2 + 0.7 (4 - 2)
  assert.equal(quantile(xs, 0), 2);
  assert.equal(quantile(xs, 1), 9);
  assert.equal(min(xs), 2);
  assert.equal(mean(xs), 5);
  assert.ok(Math.abs(std(xs) - Math.sqrt(32 / 7)) < 1e-12); // squared deviations sum to 32, n - 1 = 7
  assert.ok(Math.abs(cv(xs) - Math.sqrt(32 / 7) / 5) < 1e-12);
  assert.deepEqual(xs, [5, 2, 9, 4, 4, 7, 4, 5], 'input must not be reordered');
  assert.equal(median([3]), 3);
  assert.equal(std([3]), 0);
  assert.throws(() => median([]), RangeError);
});
