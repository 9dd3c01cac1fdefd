import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementMarkdown, budgetDetailMarkdown, meanGapMarkdown } from '../../src/hwaware/markdown.js';
import type { AgreementRow } from '../../src/hwaware/agreement.js';
import type { CostSweep } from '../../src/hwaware/pareto-report.js';

/** Cells of each table line, trimmed (the outer pipes give an empty first and last field). */
const cells = (md: string) => md.split('\n').map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

test('agreement table: one row per device, a rho and a tau column per measure, NaN spelled out', () => {
  const row = (measure: string, device: string, n: number, spearman: number, kendall: number): AgreementRow =>
    ({ measure, device, n, dropped: 0, spearman, kendall });
  const md = agreementMarkdown([
    row('latency_ms', 'c10_edgegpu_latency', 200, 0.81234, 0.6), row('latency_ms', 'c10_edgetpu_latency', 140, NaN, NaN),
    row('flops', 'c10_edgegpu_latency', 200, 0.5459, 0.38), row('flops', 'c10_edgetpu_latency', 140, 0.35, 0.25),
  ]);
  assert.deepEqual(cells(md).filter((_, i) => i !== 1), [
    ['device', 'n', 'ρ latency_ms', 'τ latency_ms', 'ρ flops', 'τ flops'],
    ['c10_edgegpu_latency', '200', '0.812', '0.6', '0.546', '0.38'],
    ['c10_edgetpu_latency', '140', 'NaN', 'NaN', '0.35', '0.25'],
  ]);
  // alignment row: device left, every number right
  assert.deepEqual(cells(md)[1].map((c) => (c.startsWith(':') ? 'l' : c.endsWith(':') ? 'r' : '?')), ['l', 'r', 'r', 'r', 'r', 'r']);
});

test('mean-gap table: proxies as rows, costs as columns; per-budget table ends with the mean gap', () => {
  const pick = (budget: number, nFeasible: number, pickAccuracy: number, bestAccuracy: number) => ({
    budget, nFeasible, pickArch: 'x', pickAccuracy, pickCost: budget, bestArch: 'y', bestAccuracy, gap: bestAccuracy - pickAccuracy,
  });
  const sweep: CostSweep = {
    cost: 'c10_fpga_latency', nArchs: 4, budgets: [1.5, 3.25], front: [],
    sweeps: [
      { proxy: 'params', picks: [pick(1.5, 2, 90, 91.5), pick(3.25, 4, 93, 94)], meanGap: 1.25 },
      { proxy: 'synflow', picks: [pick(1.5, 2, 91.5, 91.5), pick(3.25, 4, 94, 94)], meanGap: 0 },
    ],
  };
  assert.deepEqual(cells(meanGapMarkdown([sweep, { ...sweep, cost: 'flops' }])).filter((_, i) => i !== 1), [
    ['proxy', 'c10_fpga_latency', 'flops'],
    ['params', '1.25', '1.25'],
    ['synflow', '0', '0'],
  ]);
  assert.deepEqual(cells(budgetDetailMarkdown(sweep)).filter((_, i) => i !== 1), [
    ['budget', 'feasible', 'best acc', 'params acc (gap)', 'synflow acc (gap)'],
    ['1.5', '2', '91.5', '90 (1.5)', '91.5 (0)'],
    ['3.25', '4', '94', '93 (1)', '94 (0)'],
    ['mean gap', '', '', '1.25', '0'],
  ]);
});
