import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spearmanRho } from '../../src/stats/spearman.js';

test('Spearman rho is Pearson on average ranks, hand-computed with ties', () => {
  // x = [1,2,2,3,4] -> ranks [1, 2.5, 2.5, 4, 5]; y = [1,3,2,2,5] -> ranks [1, 4, 2.5, 2.5, 5]; mean rank 3
  //   dx = [-2, -0.5, -0.5, 1, 2], dy = [-2, 1, -0.5, -0.5, 2]
  //   sum dx*dy = 4 - 0.5 + 0.25 - 0.5 + 4 = 7.25; sum dx^2 = sum dy^2 = 4 + 0.25 + 0.25 + 1 + 4 = 9.5
  //   rho = 7.25 / 9.5 = 29/38 (scipy.stats.spearmanr gives 0.7631578947368421)
  assert.ok(Math.abs(spearmanRho([1, 2, 2, 3, 4], [1, 3, 2, 2, 5]).value - 29 / 38) < 1e-15);

  // x = [1,1,2,2,3] -> [1.5, 1.5, 3.5, 3.5, 5]; y = [1,1,2,3,2] -> [1.5, 1.5, 3.5, 5, 3.5]
  //   dx = [-1.5, -1.5, 0.5, 0.5, 2], dy = [-1.5, -1.5, 0.5, 2, 0.5]
  //   sum dx*dy = 2.25 + 2.25 + 0.25 + 1 + 1 = 6.75; sum dx^2 = sum dy^2 = 9 -> rho = 0.75
  // (the no-ties shortcut 1 - 6 sum d^2/(n^3-n) = 1 - 6*4.5/120 = 0.775 would be wrong here)
  assert.ok(Math.abs(spearmanRho([1, 1, 2, 2, 3], [1, 1, 2, 3, 2]).value - 0.75) < 1e-15);
});
