// ntk's per-repeat image draws (TE-NAS takes each repeat's batch from a new pass over a shuffled loader): distinct
// indices inside the pool, a different draw per repeat, the same draw for every arch and run, all of a small pool.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ntkDraw } from '../../src/proxies/ntk.js';

test('a draw is n distinct indices of the pool', () => {
  const d = ntkDraw(128, 72, 0, 0);
  assert.equal(d.length, 72);
  assert.equal(new Set(d).size, 72);
  assert.ok(d.every((i) => Number.isInteger(i) && i >= 0 && i < 128));
});

test('repeats draw different images; the same seed and repeat give the same draw', () => {
  const [a, b, c] = [0, 1, 2].map((r) => ntkDraw(128, 72, 0, r));
  assert.notDeepEqual(new Set(a), new Set(b));
  assert.notDeepEqual(new Set(b), new Set(c));
  assert.deepEqual(ntkDraw(128, 72, 0, 1), b);
  assert.notDeepEqual(ntkDraw(128, 72, 1, 1), b);
});

test('not the first n in order: over many draws every index is used about n/pool of the time', () => {
  const counts = new Array(128).fill(0);
  const draws = 400;
  for (let r = 0; r < draws; r++) for (const i of ntkDraw(128, 72, 3, r)) counts[i]++;
  const expected = (draws * 72) / 128; // 225; binomial sd ~ 9.9
  assert.ok(counts.every((c) => Math.abs(c - expected) < 60), `counts ${Math.min(...counts)}..${Math.max(...counts)}`);
});

test('a pool smaller than n gives every image once', () => {
  const d = ntkDraw(10, 72, 0, 2);
  assert.deepEqual([...d].sort((x, y) => x - y), [...Array(10).keys()]);
});
