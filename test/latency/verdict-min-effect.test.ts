import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyVerdict } from '../../src/latency/verdict.js';
import { samples } from './synthetic.js';

test('a significant 2% shift is the same because of the 5% minimum effect', () => {
  const base = samples(31, 60, 10, 0.002), head = samples(32, 60, 10.2, 0.002);
  const v = latencyVerdict(base, head, { alpha: 0.05, minEffect: 0.05 });
  // The fastest 6 of each side are completely separated: exact p = 2 / C(12, 6).
  assert.equal(v.pValue, 2 / 924);
  assert.equal(v.verdict, 'same');
  assert.ok(Math.abs(v.ratio - 1.02) < 0.002);
  assert.match(v.reason, /minimum effect/);
  // With no minimum effect the same data is a slowdown: the gate, not the test, decided.
  assert.equal(latencyVerdict(base, head, { alpha: 0.05, minEffect: 0 }).verdict, 'slower');
});
