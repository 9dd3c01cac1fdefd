import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kendallTauB } from '../../src/stats/kendall.js';
import { countPairs } from './naive-kendall.js';

test('tau-b on hand-counted pairs with x, y and joint ties', () => {
  // x = [1,2,2,3,4], y = [1,3,2,2,5]; the 10 pairs (1-based):
  //   12 C, 13 C, 14 C, 15 C, 23 x-tie (x 2=2), 24 D (x 2<3, y 3>2), 25 C, 34 y-tie (y 2=2), 35 C, 45 C
  //   nc = 7, nd = 1, n0 = 10, n1 = 1, n2 = 1 -> tau_b = (7-1)/sqrt((10-1)(10-1)) = 6/9
  const x1 = [1, 2, 2, 3, 4], y1 = [1, 3, 2, 2, 5];
  assert.deepEqual(countPairs(x1, y1), { concordant: 7, discordant: 1, xTies: 1, yTies: 1, jointTies: 0 });
  assert.equal(kendallTauB(x1, y1).value, 6 / 9);

  // x = [1,1,2,2,3], y = [1,1,2,3,2]:
  //   12 joint tie, 13 14 15 23 24 25 C, 34 x-tie, 35 y-tie, 45 D (x 2<3, y 3>2)
  //   nc = 6, nd = 1, n1 = 2 (12, 34), n2 = 2 (12, 35), n3 = 1 -> tau_b = 5/sqrt(8*8) = 5/8
  const x2 = [1, 1, 2, 2, 3], y2 = [1, 1, 2, 3, 2];
  assert.deepEqual(countPairs(x2, y2), { concordant: 6, discordant: 1, xTies: 2, yTies: 2, jointTies: 1 });
  assert.equal(kendallTauB(x2, y2).value, 5 / 8);
  // input order does not matter
  assert.equal(kendallTauB([3, 2, 1, 2, 1], [2, 3, 1, 2, 1]).value, 5 / 8);
});
