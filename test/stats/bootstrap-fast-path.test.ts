import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/engine/rng.js';
import { bootstrapInterval, bootstrapRankIntervals } from '../../src/stats/bootstrap.js';
import { kendallTauB } from '../../src/stats/kendall.js';
import { spearmanRho } from '../../src/stats/spearman.js';

test('count-weighted rank bootstrap equals recomputing rho and tau on each materialised resample', () => {
  const rng = new Rng(11);
  const x = Array.from({ length: 80 }, () => rng.int(6));
  const y = x.map((v) => (rng.next() < 0.3 ? NaN : v + rng.int(4))); // NaNs: both paths drop the same pairs
  const opts = { resamples: 200, seed: 5, stream: 'synflow' };
  const fast = bootstrapRankIntervals(x, y, opts);
  const rho = bootstrapInterval(x, y, (a, b) => spearmanRho(a, b).value, opts);
  const tau = bootstrapInterval(x, y, (a, b) => kendallTauB(a, b).value, opts);
  for (let k = 0; k < 2; k++) {
    assert.ok(Math.abs(fast.spearman[k] - rho[k]) < 1e-12, `rho ${fast.spearman} vs ${rho}`);
    assert.ok(Math.abs(fast.kendall[k] - tau[k]) < 1e-12, `tau ${fast.kendall} vs ${tau}`);
  }
});
