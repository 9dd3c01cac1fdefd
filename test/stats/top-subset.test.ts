import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topByAccuracy, topCount, topSubsetCorrelations } from '../../src/stats/subsets.js';

test('top-p% keeps exactly ceil(p*n) archs; ties at the cut go to the smaller arch key', () => {
  assert.equal(topCount(15625, 0.05), 782); // 781.25 -> 782
  assert.equal(topCount(100, 0.05), 5);
  assert.equal(topCount(100, 0.07), 7); // 0.07*100 is 7.000000000000001 in floating point
  assert.equal(topCount(3, 0.05), 1);
  assert.throws(() => topCount(10, 0), /top fraction must be in \(0, 1\], got 0/);

  // 21 finite accuracies (one NaN is not counted) -> ceil(0.2 * 21) = 5 kept
  const keys = 'abcdefghijklmnopqrstuv'.split('');
  const acc = keys.map((_, i) => i); // a=0 ... v=21
  acc[21] = NaN;
  acc[3] = acc[16] = acc[15] = 15; // d, q, p tie with the 5th best value (15)
  // sorted: u=20 t=19 s=18 r=17, then 15 held by d, p, q -> d wins (smallest key)
  assert.deepEqual(topByAccuracy(acc, 0.2, keys).map((i) => keys[i]), ['u', 't', 's', 'r', 'd']);
  assert.deepEqual(topByAccuracy(acc, 0.2).map((i) => keys[i]), ['u', 't', 's', 'r', 'd']); // by index without keys

  // correlations on that subset; a NaN score inside it is dropped, the subset stays the same 5 archs
  const scores = acc.map((a) => a * 2);
  scores[20] = NaN;
  const top = topSubsetCorrelations(scores, acc, 0.2, keys);
  assert.equal(top.size, 5);
  assert.deepEqual(top.spearman, { value: 1, n: 4, dropped: 1 });
});
