import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rng } from '../../src/engine/rng.js';
import { kendallTauB } from '../../src/stats/kendall.js';
import { spearmanRho } from '../../src/stats/spearman.js';
import { sharedFile } from '../helpers/shared-data.js';
import { naiveTauB } from './naive-kendall.js';

const file = sharedFile('nb201/nb201_accuracy.csv');

/** The columns asked for, as numbers. The table has no quoted fields except that arch strings hold no commas. */
function readColumns(path: string, names: string[]): Float64Array[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const at = names.map((n) => {
    const i = header.indexOf(n);
    assert.ok(i >= 0, `${path}: column ${n} not in header ${header.join(',')}`);
    return i;
  });
  const cols = names.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    at.forEach((c, k) => { cols[k][r - 1] = Number(cells[c]); });
  }
  return cols;
}

test('NAS-Bench-201: CIFAR-10 and CIFAR-100 accuracies rank all 15,625 archs alike', { skip: file.skip }, () => {
  const [c10, c100] = readColumns(file.path, ['c10_test_200e', 'c100_test_200e']);
  assert.equal(c10.length, 15625);

  const rho = spearmanRho(c10, c100);
  assert.equal(rho.n, 15625);
  assert.ok(rho.value > 0.9, `rho ${rho.value}`);
  assert.ok(Math.abs(rho.value - 0.9801721634332403) < 1e-12, `rho ${rho.value} vs scipy.stats.spearmanr`);

  // A figure, not a limit (limits live in bench/): the first call includes JIT warm-up, the second does not.
  const t0 = performance.now();
  const tau = kendallTauB(c10, c100);
  const t1 = performance.now();
  kendallTauB(c10, c100);
  const t2 = performance.now();
  console.log(`# Kendall tau-b over ${tau.n} NB201 archs: ${tau.value}; ${(t1 - t0).toFixed(1)} ms cold, ${(t2 - t1).toFixed(1)} ms warm`);
  assert.ok(Math.abs(tau.value - 0.8819568821873827) < 1e-12, `tau ${tau.value} vs scipy.stats.kendalltau`);

  // 2,000 random archs: Knight's algorithm against the all-pairs count (2 million pairs, many accuracy ties)
  const pick = new Rng(201).sampleDistinct(15625, 2000);
  const x = pick.map((i) => c10[i]), y = pick.map((i) => c100[i]);
  assert.ok(Math.abs(kendallTauB(x, y).value - naiveTauB(x, y)) < 1e-12);
});
