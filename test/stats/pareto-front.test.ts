import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paretoFront } from '../../src/stats/pareto.js';

test('Pareto front keeps the archs no other arch beats on both cost and accuracy', () => {
  const points: Array<[string, number, number]> = [
    ['A', 1, 50],
    ['B', 2, 60],
    ['C', 2, 55], // same cost as B, less accurate: dominated
    ['D', 3, 60], // costlier than B, equally accurate: dominated
    ['F', 4, 70],
    ['E', 4, 70], // identical to F: neither dominates the other, both stay
    ['G', 5, 65], // dominated by E/F
    ['H', NaN, 99], // cost not measured: excluded
    ['I', 0.5, NaN], // no accuracy: excluded
    ['J', 6, 80],
  ];
  const cost = new Map(points.map(([a, c]) => [a, c]));
  const acc = new Map(points.map(([a, , y]) => [a, y]));
  assert.deepEqual(paretoFront(cost, acc).map((p) => `${p.arch}:${p.cost}:${p.accuracy}`),
    ['A:1:50', 'B:2:60', 'E:4:70', 'F:4:70', 'J:6:80']);
});
