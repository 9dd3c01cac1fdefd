import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanGaps, paretoGapReport } from '../../src/hwaware/pareto-report.js';

// arch, cost `lat`, cost `dev` (C not measured), accuracy, proxy s (higher better), proxy t (lower better)
const ROWS: Array<[string, number, number, number, number, number]> = [
  ['A', 1, 6, 70, 5, 3],
  ['B', 2, 5, 80, 1, 1],
  ['C', 3, NaN, 75, 9, 2],
  ['D', 4, 3, 90, 2, 6],
  ['E', 5, 2, 85, 8, 4],
  ['F', 6, 1, 95, 3, 5],
];
const col = (k: number) => new Map(ROWS.map((r) => [r[0], r[k] as number]));

test('Pareto-gap report: budgets at cost quantiles, each proxy pick vs the best within budget', () => {
  const report = paretoGapReport(
    new Map([['s', col(4)], ['t', col(5)]]), new Map([['lat', col(1)], ['dev', col(2)]]), col(3),
    { budgets: 3, direction: new Map([['t', -1]]) },
  );
  const brief = report.map((c) => ({
    cost: c.cost, nArchs: c.nArchs, budgets: c.budgets,
    picks: c.sweeps.map((s) => [s.proxy, s.picks.map((p) => `${p.pickArch}:${p.bestArch}:${p.gap}`)]),
  }));
  assert.deepEqual(brief, [
    {
      // 6 costs, quantiles 1/3, 2/3, 1: the 2nd, 4th and 6th smallest
      cost: 'lat', nArchs: 6, budgets: [2, 4, 6],
      picks: [
        ['s', ['A:B:10', 'C:D:15', 'C:F:20']], // s picks its max among {A,B}, {A..D}, all
        ['t', ['B:B:0', 'B:D:10', 'B:F:15']], // t (lower better) always picks B
      ],
    },
    {
      // C has no cost: 5 archs, sorted costs 1 2 3 5 6; ceil(5/3)=2nd, ceil(10/3)=4th, 5th
      cost: 'dev', nArchs: 5, budgets: [2, 5, 6],
      picks: [
        ['s', ['E:F:10', 'E:F:10', 'E:F:10']], // C (s = 9) would win but never fits
        ['t', ['E:F:10', 'B:F:15', 'B:F:15']],
      ],
    },
  ]);
  // mean gaps: s (10+15+20)/3 = 15, t (0+10+15)/3; on dev s 10, t (10+15+15)/3
  const mean = meanGaps(report);
  assert.equal(mean.get('s')!.get('lat'), 15);
  assert.ok(Math.abs(mean.get('t')!.get('lat')! - 25 / 3) < 1e-12);
  assert.equal(mean.get('s')!.get('dev'), 10);
  assert.ok(Math.abs(mean.get('t')!.get('dev')! - 40 / 3) < 1e-12);
  // ground-truth fronts: on lat A B D F; on dev the cheapest arch F is also the most accurate
  assert.deepEqual(report[0].front.map((p) => p.arch), ['A', 'B', 'D', 'F']);
  assert.deepEqual(report[1].front.map((p) => `${p.arch}:${p.cost}:${p.accuracy}`), ['F:1:95']);
});
