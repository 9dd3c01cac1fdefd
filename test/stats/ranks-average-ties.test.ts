import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageRanks } from '../../src/stats/ranks.js';

test('tied values share the mean of the ranks they span', () => {
  // sorted: 0.5 (rank 1), 2 2 2 (ranks 2,3,4 -> 3), 7 7 (ranks 5,6 -> 5.5), 9 (rank 7)
  assert.deepEqual([...averageRanks([7, 2, 0.5, 2, 9, 7, 2])], [5.5, 3, 1, 3, 7, 5.5, 3]);
  // all equal: every rank is (1 + 4) / 2
  assert.deepEqual([...averageRanks([4, 4, 4, 4])], [2.5, 2.5, 2.5, 2.5]);
  // -0 and 0 are the same value
  assert.deepEqual([...averageRanks([0, -0, 1])], [1.5, 1.5, 3]);
});
