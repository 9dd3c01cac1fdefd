import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/engine/rng.js';
import { medianCi } from '../../src/stats/median-ci.js';

test('median CI covers the true median at its stated rate (exponential samples, n = 15)', () => {
  // n = 15: P(B <= 3) = 576/32768, so [x(4), x(12)] covers with probability 1 - 1152/32768 = 0.96484.
  const rng = new Rng(7), trials = 4000, n = 15, trueMedian = Math.LN2;
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const xs = Array.from({ length: n }, () => -Math.log(1 - rng.next()));
    const ci = medianCi(xs);
    if (ci.lo <= trueMedian && trueMedian <= ci.hi) covered++;
  }
  const expected = 1 - 1152 / 32768;
  const se = Math.sqrt((expected * (1 - expected)) / trials);
  assert.equal(medianCi(Array.from({ length: n }, (_, i) => i)).coverage, expected);
  assert.ok(Math.abs(covered / trials - expected) < 3 * se, `coverage ${covered / trials} vs ${expected}`);
});
