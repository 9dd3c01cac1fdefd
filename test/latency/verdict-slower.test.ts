import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyVerdict } from '../../src/latency/verdict.js';
import { samples } from './synthetic.js';

test('a 30% slowdown with 2% noise is slower; the reverse is faster', () => {
  const base = samples(11, 30, 10, 0.02), head = samples(12, 30, 13, 0.02);
  const v = latencyVerdict(base, head, { alpha: 0.05, minEffect: 0.05 });
  assert.equal(v.verdict, 'slower', v.reason);
  assert.ok(Math.abs(v.ratio - 1.3) < 0.03, `ratio ${v.ratio}`);
  assert.ok(v.ratioCi[0] > 1.2 && v.ratioCi[0] < 1.3 && v.ratioCi[1] > 1.3 && v.ratioCi[1] < 1.4, `${v.ratioCi}`);
  assert.equal(v.pValue, 2 / 924); // fastest 6 vs fastest 6, fully separated
  assert.match(v.reason, /^slower by/);
  assert.equal(latencyVerdict(head, base, { alpha: 0.05, minEffect: 0.05 }).verdict, 'faster');
});

test('a slowdown hidden under one-sided preemption noise is still found in the fast part', () => {
  // 70% of runs get 1-3 extra 4 ms slices (as on a busy 2-core runner); the network itself got 10% slower.
  const noisy = (seed: number, ms: number) => samples(seed, 64, ms, 0.01).map((x, i) => x + (i % 10 < 7 ? 4 * (1 + (i % 3)) : 0));
  const v = latencyVerdict(noisy(21, 3), noisy(22, 3.3), { alpha: 0.05, minEffect: 0.05 });
  assert.equal(v.verdict, 'slower', v.reason);
  assert.ok(Math.abs(v.fastRatio - 1.1) < 0.02, `fast ratio ${v.fastRatio}`);
});
