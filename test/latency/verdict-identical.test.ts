import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyVerdict } from '../../src/latency/verdict.js';
import { samples } from './synthetic.js';

const opts = { alpha: 0.05, minEffect: 0.05 };

test('identical samples are the same: ratio 1, p = 1', () => {
  const xs = samples(1, 40, 10, 0.05);
  const v = latencyVerdict(xs, [...xs], opts);
  assert.equal(v.verdict, 'same');
  assert.equal(v.ratio, 1);
  assert.equal(v.pValue, 1);
  assert.ok(v.ratioCi[0] <= 1 && v.ratioCi[1] >= 1);
});

test('two noisy samples of the same distribution are the same', () => {
  const v = latencyVerdict(samples(2, 40, 10, 0.05), samples(3, 40, 10, 0.05), opts);
  assert.equal(v.verdict, 'same');
  assert.ok(v.ratioCi[0] < 1.05 && v.ratioCi[1] > 1 / 1.05, v.reason);
});
