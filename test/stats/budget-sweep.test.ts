import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetSweep, paretoSweep } from '../../src/stats/pareto.js';

test('budget sweep: the proxy pick vs the best arch within each budget', () => {
  // arch: cost, accuracy, proxy score
  const rows: Array<[string, number, number, number]> = [
    ['A', 1, 50, 5], ['B', 2, 60, 3], ['C', 2, 55, 8], ['D', 3, 60, 8], ['E', 4, 70, 1],
    ['J', 6, 80, 9], ['H', NaN, 99, 100], ['K', 5, 90, NaN],
  ];
  const cost = new Map(rows.map((r) => [r[0], r[1]]));
  const acc = new Map(rows.map((r) => [r[0], r[2]]));
  const score = new Map(rows.map((r) => [r[0], r[3]]));
  const picks = budgetSweep(score, cost, acc, [0.5, 1, 2, 3, 5, 6]);
  const brief = picks.map((p) => [p.budget, p.nFeasible, p.pickArch, p.pickAccuracy, p.bestArch, p.bestAccuracy, p.gap]);
  assert.deepEqual(brief, [
    [0.5, 0, null, NaN, null, NaN, NaN], // nothing fits
    [1, 1, 'A', 50, 'A', 50, 0],
    [2, 3, 'C', 55, 'B', 60, 5], // A B C fit; C scores highest
    [3, 4, 'C', 55, 'B', 60, 5], // C, D tie on score 8 and B, D tie on 60: the smaller key wins both
    [5, 6, 'C', 55, 'K', 90, 35], // K (NaN score) cannot be picked but is the best that fits; H (NaN cost) never fits
    [6, 7, 'J', 80, 'K', 90, 10],
  ]);
  assert.equal(picks[2].pickCost, 2);

  // a lower-is-better proxy given as negated scores with direction -1 picks the same archs; mean gap over the
  // budgets with a pick = (0 + 5 + 5 + 35 + 10) / 5 = 11
  const negated = new Map([...score].map(([a, s]) => [a, -s]));
  const [up, down] = paretoSweep(new Map([['s', score], ['neg', negated]]), cost, acc, [0.5, 1, 2, 3, 5, 6],
    new Map([['neg', -1]]));
  assert.equal(up.meanGap, 11);
  assert.deepEqual(down.picks, up.picks);
});
