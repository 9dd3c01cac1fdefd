// Sensitivity tables: a proxy's own-ranking tau between settings (hand-counted pairs), per-setting correlations
// equal to the correlation table's, the summary's min/mean, and NaN (not "stable") when a setting fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownRankTau, sensitivity, type RunScores, type SweepFactor } from '../../src/stats/sensitivity.js';
import { correlationTable } from '../../src/stats/correlation-table.js';

const archs = ['a', 'b', 'c', 'd', 'e'];
const acc = new Map(archs.map((a, i) => [a, 90 + i]));
const scores = (vals: number[]): Map<string, number> => new Map(archs.map((a, i) => [a, vals[i]]));

test('own-rank tau: monotone transform 1, reversal -1, one swapped adjacent pair (9 - 1) / 10', () => {
  const base = scores([1, 2, 3, 4, 5]);
  assert.equal(ownRankTau(base, scores([10, 20, 30, 40, 500])).kendall, 1);
  assert.equal(ownRankTau(base, scores([5, 4, 3, 2, 1])).kendall, -1);
  assert.equal(ownRankTau(base, scores([2, 1, 3, 4, 5])).kendall, 0.8);
  // Only shared archs with finite values on both sides count.
  const partial = new Map([['a', 1], ['b', NaN], ['c', 3], ['z', 9]]);
  assert.deepEqual(ownRankTau(base, partial), { n: 2, kendall: 1 });
});

test('per setting correlations are the correlation table of that run; summary min and mean over values', () => {
  const runs = new Map<string, RunScores>([
    ['r1', new Map([['p', scores([1, 2, 3, 4, 5])]])],
    ['r2', new Map([['p', scores([2, 1, 3, 4, 5])]])],
    ['r3', new Map([['p', scores([5, 4, 3, 2, 1])]])],
  ]);
  const factor: SweepFactor = { name: 'batch_size', values: [{ label: '1', run: 'r1' }, { label: '2', run: 'r2' }, { label: '4', run: 'r3' }], reference: '1' };
  const s = sensitivity([factor], runs, acc, { bootstrap: 50, seed: 1 });
  const direct = correlationTable(runs.get('r2')!, acc, { bootstrap: 50, seed: 1 })[0];
  const c = s.correlations.find((x) => x.value === '2')!;
  assert.equal(c.spearman, direct.spearman);
  assert.deepEqual(c.spearmanCi, direct.spearmanCi);
  assert.deepEqual(s.correlations.map((x) => x.spearman), [1, 0.9, -1]);
  // pairs: (1,2) 0.8 (one discordant pair of 10), (1,4) -1, (2,4) -0.8
  assert.deepEqual(s.stability.map((x) => [x.a, x.b, x.kendall]), [['1', '2', 0.8], ['1', '4', -1], ['2', '4', -0.8]]);
  const sum = s.summary[0];
  assert.equal(sum.minTauVsReference, -1);
  assert.ok(Math.abs(sum.meanPairwiseTau - (0.8 - 1 - 0.8) / 3) < 1e-12);
  assert.deepEqual([sum.spearmanMin, sum.spearmanMax], [-1, 1]);
});

test('a setting whose scores are all NaN makes the minimum tau NaN rather than hiding it', () => {
  const runs = new Map<string, RunScores>([
    ['r1', new Map([['p', scores([1, 2, 3, 4, 5])]])],
    ['r2', new Map([['p', scores([NaN, NaN, NaN, NaN, NaN])]])],
  ]);
  const factor: SweepFactor = { name: 'init', values: [{ label: 'pytorch', run: 'r1' }, { label: 'xavier_normal', run: 'r2' }], reference: 'pytorch' };
  const s = sensitivity([factor], runs, acc, { bootstrap: 0 });
  assert.ok(Number.isNaN(s.summary[0].minTauVsReference));
  assert.ok(Number.isNaN(s.summary[0].meanPairwiseTau));
  assert.equal(s.summary[0].spearmanMax, 1);
});
