// Pearson correlation of rows (numpy.corrcoef): hand values, invariance, zero-variance rows -> NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { corrcoef } from '../../src/linalg/corrcoef.js';

test('hand values: [1,2,3] vs [3,2,1] = -1, vs [1,2,4] = 9/sqrt(84)', () => {
  const c = corrcoef([1, 2, 3, 3, 2, 1, 1, 2, 4], 3, 3);
  const d = c.data;
  assert.deepEqual([d[0], d[4], d[8]], [1, 1, 1]);
  assert.ok(Math.abs(d[1] + 1) < 1e-15 && d[1] === d[3]);
  assert.ok(Math.abs(d[2] - 9 / Math.sqrt(84)) < 1e-15 && d[2] === d[6]);
  // [3,2,1] vs [1,2,4]: centred [1,0,-1].[-4/3,-1/3,5/3] = -3 -> -9/sqrt(84)
  assert.ok(Math.abs(d[5] + 9 / Math.sqrt(84)) < 1e-15);
});

test('invariant to affine rescaling of a row', () => {
  const a = corrcoef([1, 5, 2, 8, 0.5, 3, 3, 1], 2, 4).data[1];
  const b = corrcoef([1, 5, 2, 8, 11.5, 19, 19, 13], 2, 4).data[1]; // second row * 3 + 10
  const c = corrcoef([-2, -10, -4, -16, 0.5, 3, 3, 1], 2, 4).data[1]; // first row * -2
  assert.ok(Math.abs(a - b) < 1e-15, `${a} vs ${b}`);
  assert.ok(Math.abs(a + c) < 1e-15, 'negating a row negates its correlations');
  assert.ok(Math.abs(a) < 1);
});

test('a constant row has NaN correlations (as numpy), the others stay finite', () => {
  const d = corrcoef([1, 1, 1, 1, 2, 3, 3, 1, 0], 3, 3).data;
  for (const k of [0, 1, 2, 3, 6]) assert.ok(Number.isNaN(d[k]), `entry ${k}`);
  assert.equal(d[4], 1);
  assert.ok(Math.abs(d[5] + 9 / Math.sqrt(84)) < 1e-15); // [1,2,3] vs [3,1,0]
});

test('wrong length is an error naming the shape', () => {
  assert.throws(() => corrcoef([1, 2, 3], 2, 2), /2x2 = 4 values, got 3/);
});
