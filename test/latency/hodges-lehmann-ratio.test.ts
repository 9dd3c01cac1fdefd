import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hodgesLehmannRatio } from '../../src/stats/mann-whitney.js';

test('Hodges-Lehmann ratio and Moses interval, by hand', () => {
  // head/base pair ratios for base 1 2 4, head 2 4 8: sorted 0.5 1 1 2 2 2 4 4 8, median 2.
  // 80% interval: P(U <= 0) = 1/20 <= 0.1, P(U <= 1) = 2/20 <= 0.1, P(U <= 2) = 4/20 > 0.1, so ranks 2 and 8.
  const r = hodgesLehmannRatio([1, 2, 4], [2, 4, 8], 0.8);
  assert.ok(Math.abs(r.ratio - 2) < 1e-12);
  assert.ok(Math.abs(r.lo - 1) < 1e-12);
  assert.ok(Math.abs(r.hi - 4) < 1e-12);
  // 95%: only U = 0 fits in the 2.5% tail with 3 vs 3, so the interval is the full range.
  const wide = hodgesLehmannRatio([1, 2, 4], [2, 4, 8], 0.95);
  assert.ok(Math.abs(wide.lo - 0.5) < 1e-12 && Math.abs(wide.hi - 8) < 1e-12, `${wide.lo} ${wide.hi}`);
  assert.throws(() => hodgesLehmannRatio([1, 0], [1, 2]), RangeError);
});
