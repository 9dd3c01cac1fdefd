// The A/B plan: from the warm-up's pace, the rounds that fit in the budget (times a margin of 4) cap the rounds,
// and the looks below that cap are the only ones the rule can take, so its Bonferroni K is known in advance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abPlan } from '../../src/compare/ab-latency.js';

const cfg = { budgetMs: 50_000, minRounds: 20, maxRounds: 5000 };

test('looks and round cap from the pace of the warm-up round', () => {
  // 100 ms a round: 500 fit, cap 2000, looks 20 .. 1280 (K = 7 + the final one).
  assert.deepEqual(abPlan(cfg, 100), { looks: [20, 40, 80, 160, 320, 640, 1280], maxRounds: 2000 });
  // 2 s a round (a loaded machine): 25 fit, cap 100, K = 4 instead of 9.
  assert.deepEqual(abPlan(cfg, 2000), { looks: [20, 40, 80], maxRounds: 100 });
  // Slower than the budget: still the first look's rounds, and that is the final look.
  assert.deepEqual(abPlan(cfg, 60_000), { looks: [], maxRounds: 20 });
  // A fast machine: the configured cap.
  assert.equal(abPlan(cfg, 1).maxRounds, 5000);
  assert.equal(abPlan(cfg, 0).maxRounds, 5000);
});
