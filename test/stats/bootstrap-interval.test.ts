import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/engine/rng.js';
import { bootstrapRankIntervals } from '../../src/stats/bootstrap.js';
import { kendallTauB } from '../../src/stats/kendall.js';
import { spearmanRho } from '../../src/stats/spearman.js';

test('bootstrap intervals contain the point estimate and repeat exactly for a seed', () => {
  const rng = new Rng(7);
  const x = Array.from({ length: 300 }, () => Math.round(rng.normal() * 4)); // ties
  const y = x.map((v) => v + rng.normal() * 3);
  const rho = spearmanRho(x, y).value, tau = kendallTauB(x, y).value;
  const a = bootstrapRankIntervals(x, y, { resamples: 400, seed: 3 });
  for (const [ci, point] of [[a.spearman, rho], [a.kendall, tau]] as const) {
    assert.ok(ci[0] < point && point < ci[1], `[${ci}] should contain ${point}`);
    assert.ok(ci[1] - ci[0] > 0.02 && ci[1] - ci[0] < 0.3, `width of [${ci}]`);
  }
  assert.deepEqual(bootstrapRankIntervals(x, y, { resamples: 400, seed: 3 }), a);
  assert.notDeepEqual(bootstrapRankIntervals(x, y, { resamples: 400, seed: 4 }), a);
  assert.deepEqual(bootstrapRankIntervals(x, y, { resamples: 0 }), { spearman: [NaN, NaN], kendall: [NaN, NaN] });
});
