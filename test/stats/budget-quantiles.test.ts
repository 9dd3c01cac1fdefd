import { test } from 'node:test';
import assert from 'node:assert/strict';
import { budgetsFromQuantiles } from '../../src/stats/pareto.js';

test('budgets at cost quantiles are observed costs; tied budgets merge', () => {
  const costs = [5, 1, 4, 2, 3, NaN, 2, 2, 8, 7]; // finite, sorted: 1 2 2 2 3 4 5 7 8 (n = 9)
  // k = 3: the ceil(j/3 * 9) = 3rd, 6th, 9th smallest
  assert.deepEqual(budgetsFromQuantiles(costs, 3), [2, 4, 8]);
  // k = 9: every order statistic, the three 2s merged
  assert.deepEqual(budgetsFromQuantiles(costs, 9), [1, 2, 3, 4, 5, 7, 8]);
  assert.deepEqual(budgetsFromQuantiles([NaN], 4), []);
  assert.throws(() => budgetsFromQuantiles(costs, 0), /positive integer, got 0/);
});
