import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/engine/rng.js';
import { kendallTauB, sortAndCountInversions } from '../../src/stats/kendall.js';
import { naiveTauB } from './naive-kendall.js';

test("Knight's O(n log n) tau-b equals the all-pairs count on 500 random vectors with many ties", () => {
  const rng = new Rng(20240501);
  for (let t = 0; t < 500; t++) {
    const n = 2 + rng.int(120);
    // few distinct levels -> many x, y and joint ties; every third case correlates y with x
    const lx = 1 + rng.int(8), ly = 1 + rng.int(8);
    const x = Array.from({ length: n }, () => rng.int(lx) * 0.5);
    const y = x.map((v) => (t % 3 === 0 ? Math.round(v + rng.int(3)) : rng.int(ly)) - 2);
    const fast = kendallTauB(x, y).value, slow = naiveTauB(x, y);
    if (Number.isNaN(slow)) assert.ok(Number.isNaN(fast), `case ${t}: constant side must give NaN`);
    else assert.ok(Math.abs(fast - slow) < 1e-12, `case ${t} (n=${n}): knight ${fast} vs naive ${slow}`);
  }
});

test('the merge sort counts strict inversions only', () => {
  // [3,1,2,1]: pairs (3,1) (3,2) (3,1) (2,1) are inversions; the two 1s are a tie, not an inversion
  const a = Float64Array.from([3, 1, 2, 1]);
  assert.equal(sortAndCountInversions(a), 4);
  assert.deepEqual([...a], [1, 1, 2, 3]);
});
