import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kendallTauB } from '../../src/stats/kendall.js';
import { spearmanRho } from '../../src/stats/spearman.js';

test('pairs with NaN or infinite values are dropped and counted; constant sides give NaN with a reason', () => {
  const scores = [1, NaN, 2, 3, -Infinity, 4, 5];
  const acc = [10, 20, Infinity, 30, 40, 50, NaN];
  // kept: (1,10) (3,30) (4,50) -> perfectly ordered, 4 dropped
  for (const f of [spearmanRho, kendallTauB]) {
    const r = f(scores, acc);
    assert.deepEqual(r, { value: 1, n: 3, dropped: 4 });
  }
  const constant = kendallTauB([2, 2, 2, NaN], [1, 2, 3, 4]);
  assert.ok(Number.isNaN(constant.value));
  assert.equal(constant.n, 3);
  assert.equal(constant.dropped, 1);
  assert.match(constant.reason!, /proxy scores \(x\) are constant over 3 pairs/);
  assert.match(spearmanRho([1, 2, 3], [5, 5, 5]).reason!, /accuracies \(y\) are constant/);
  assert.match(spearmanRho([NaN, 1], [1, 2]).reason!, /fewer than 2 finite pairs \(1\)/);
  assert.throws(() => spearmanRho([1, 2], [1]), /differ in length: 2 scores vs 1 accuracies/);
});
