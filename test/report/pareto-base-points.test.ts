// The latency/score Pareto chart of a side-by-side run draws base where base differs, at base's wall-clock median
// (the A/B rows are on the verdict's CPU clock and must not be mixed with head's wall-clock points).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyParetoSpec } from '../../src/report/pareto-chart.js';
import { median } from '../../src/stats/descriptive.js';
import { prCheckInput, PR_CHECK_ARCHS } from './demo-fixtures.js';

type Layer = { data: { values: Array<Record<string, unknown>> }; mark: { type: string } };
const points = (spec: ReturnType<typeof latencyParetoSpec>) =>
  ((spec as unknown as { layer: Layer[] }).layer.find((l) => l.mark.type === 'point')!.data.values);

test('base points sit at the median of base wall samples, one per arch with a verdict other than unchanged', () => {
  const input = prCheckInput();
  const label = (arch: string) => `#${PR_CHECK_ARCHS.indexOf(arch)}`;
  const base = points(latencyParetoSpec(input, label)).filter((p) => p.series === 'base');
  const wallBase = new Map(input.latencySamples!.filter((s) => s.side === 'base').map((s) => [s.arch, median(s.ms)]));
  const headWall = new Map(input.latency.map((l) => [l.arch, l.median_ms]));
  // Every fixture arch has base wall samples whose median differs from head's (ratios 1.32, 1.04, 1.005, 0.99), but
  // only the slower (#0) and the unsure (#1) ones have a latency verdict; the chart's proxy (params) did not move.
  assert.deepEqual(base.map((b) => b.label).sort(), ['#0', '#1']);
  for (const arch of PR_CHECK_ARCHS.slice(0, 2)) {
    const p = base.find((b) => b.label === label(arch))!;
    assert.equal(p.latency, wallBase.get(arch));
    assert.notEqual(p.latency, headWall.get(arch));
  }
  // Changing the CPU-clock A/B rows moves no base point.
  const cpuShifted = { ...input, latencyAb: input.latencyAb!.map((r) => ({ ...r, baseMedianMs: r.baseMedianMs * 3 })) };
  assert.deepEqual(points(latencyParetoSpec(cpuShifted, label)).filter((p) => p.series === 'base'), base);
});

test('without base wall samples a side-by-side run draws no base latency (only score moves)', () => {
  const input = { ...prCheckInput(), latencySamples: [] };
  const base = points(latencyParetoSpec(input, (a) => a)).filter((p) => p.series === 'base');
  // grad_norm is not the chart's proxy (params is first), so no score moved either: no base point at all.
  assert.equal(base.length, 0);
});
