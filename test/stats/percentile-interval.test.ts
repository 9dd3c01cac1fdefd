import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentileInterval } from '../../src/stats/bootstrap.js';

test('percentile interval interpolates between order statistics and skips NaN', () => {
  // 11 values 0..10 shuffled, plus a NaN (an undefined resample) that is left out:
  // 2.5% -> position 10 * 0.025 = 0.25 -> 0.25; 97.5% -> position 9.75 -> 9.75
  const [lo, hi] = percentileInterval([3, 10, NaN, 0, 7, 1, 9, 2, 8, 4, 6, 5]);
  assert.ok(Math.abs(lo - 0.25) < 1e-12 && Math.abs(hi - 9.75) < 1e-12, `[${lo}, ${hi}]`);
  // 50% interval of 0..4: positions 1 and 3
  assert.deepEqual(percentileInterval([4, 3, 2, 1, 0], 0.5), [1, 3]);
  assert.deepEqual(percentileInterval([NaN]), [NaN, NaN]);
});
