import { test } from 'node:test';
import assert from 'node:assert/strict';
import { medianCi, medianCiRanks } from '../../src/stats/median-ci.js';

test('95% median CI uses the textbook order statistics for small n', () => {
  // n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so [x(2), x(9)] with coverage 1 - 22/1024.
  assert.deepEqual(medianCiRanks(10), { lowerRank: 2, upperRank: 9, coverage: 1 - 22 / 1024, method: 'exact' });
  // n = 20: P(B <= 5) = 21700/2^20 = 0.0207, P(B <= 6) = 0.0577: [x(6), x(15)].
  const r20 = medianCiRanks(20);
  assert.deepEqual([r20.lowerRank, r20.upperRank], [6, 15]);
  assert.ok(Math.abs(r20.coverage - (1 - (2 * 21700) / 2 ** 20)) < 1e-12);
  // Published table values for n = 50 and 100.
  assert.deepEqual([medianCiRanks(50).lowerRank, medianCiRanks(50).upperRank], [18, 33]);
  assert.deepEqual([medianCiRanks(100).lowerRank, medianCiRanks(100).upperRank], [40, 61]);
  // n = 5: even [min, max] covers only 1 - 2/32; reported, not hidden.
  assert.deepEqual(medianCiRanks(5), { lowerRank: 1, upperRank: 5, coverage: 1 - 2 / 32, method: 'exact' });
  assert.deepEqual(medianCi([9, 1, 8, 2, 7, 3, 6, 4, 5, 10]).lo, 2);
  assert.deepEqual(medianCi([9, 1, 8, 2, 7, 3, 6, 4, 5, 10]).hi, 9);
});

test('normal approximation for large n agrees with the exact ranks within one', () => {
  for (const n of [301, 500, 1000]) {
    const approx = medianCiRanks(n);
    assert.equal(approx.method, 'normal');
    // exact reference: sum the binomial tail directly
    let logp = -n * Math.LN2, cdf = 0, k = 0;
    for (let i = 0; ; i++) {
      if (cdf + Math.exp(logp) > 0.025) break;
      cdf += Math.exp(logp);
      k = i + 1;
      logp += Math.log((n - i) / (i + 1));
    }
    assert.ok(Math.abs(approx.lowerRank - k) <= 1, `n=${n}: normal ${approx.lowerRank} vs exact ${k}`);
    assert.equal(approx.lowerRank + approx.upperRank, n + 1);
  }
});
