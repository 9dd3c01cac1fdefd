import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestPick } from '../../src/stats/best-pick.js';

test('best pick with a tie on the top score takes the mean accuracy of the tied group', () => {
  const keys = ['e', 'b', 'c', 'd', 'a', 'f'];
  const scores = [9, 3, 9, 9, NaN, 1];
  const acc = [90, 95, 80, 70, 99, NaN];
  // top score 9 held by e, c, d -> accuracy (90 + 80 + 70)/3 = 80, arch 'c' (smallest key);
  // best accuracy 99 (arch a: its NaN score cannot be picked but still counts), regret 19; f has no accuracy
  assert.deepEqual(bestPick(scores, acc, keys), { arch: 'c', accuracy: 80, ties: 3, bestAccuracy: 99, regret: 19 });
  assert.deepEqual(bestPick([NaN, NaN], [1, 2], ['x', 'y']), { arch: null, accuracy: NaN, ties: 0, bestAccuracy: 2, regret: NaN });
});
