import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kendallTauB } from '../../src/stats/kendall.js';
import { spearmanRho } from '../../src/stats/spearman.js';

test('same and reversed orderings give exactly +1 and -1, with or without ties', () => {
  const x = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100); // distinct, scrambled order
  const up = x.map((v) => 3 * v + 7), down = x.map((v) => Math.exp(-v / 50));
  assert.equal(spearmanRho(x, up).value, 1);
  assert.equal(kendallTauB(x, up).value, 1);
  assert.equal(spearmanRho(x, down).value, -1);
  assert.equal(kendallTauB(x, down).value, -1);
  // identical tie structure on both sides: tau-b and rho still reach +-1
  const tied = x.map((v) => Math.floor(v / 20));
  assert.equal(spearmanRho(tied, tied.map((v) => v * 2)).value, 1);
  assert.equal(kendallTauB(tied, tied.map((v) => -v)).value, -1);
});
