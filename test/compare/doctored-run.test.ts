// A doctored run — one arch 30% slower, one proxy's correlation dropped by 0.1 — gives exactly two regressions;
// the same run against itself gives none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildBaseline } from '../../src/compare/baseline.js';
import { compareRun, type CurrentRun } from '../../src/compare/compare.js';
import { Rng } from '../../src/engine/rng.js';
import type { Fingerprint, ScoreRow } from '../../src/results.js';
import type { CorrelationSummary } from '../../src/compare/types.js';

const fp: Fingerprint = { cpuModel: 'X', cores: 2, memoryGiB: 24, os: 'linux', node: 'v20', tfjs: '4.22.0', backend: 'wasm', threads: 1 };
const thresholds = { correlationDrop: 0.05, scoreRelTol: 1e-4, latencyMinEffect: 0.05, latencyAlpha: 0.01 };

function samples(seed: number, median: number, n = 40): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => median * (1 + 0.02 * rng.normal()));
}

function lat(arch: string, s: number[]) {
  const sorted = [...s].sort((a, b) => a - b);
  const med = sorted[Math.floor(s.length / 2)];
  return { arch, batch: 1, median_ms: med, p25_ms: med, p75_ms: med, min_ms: sorted[0], cv: 0.02, n: s.length, ci_low_ms: med, ci_high_ms: med, normalized: 1, samples_ms: s };
}

const scores: ScoreRow[] = ['a', 'b'].flatMap((arch, i) => [
  { arch, proxy: 'params', value: 100 * (i + 1), status: 'ok' as const, seconds: 0 },
  { arch, proxy: 'grad_norm', value: 3.5 + i, status: 'ok' as const, seconds: 0 },
]);
const corr = (proxy: string, rho: number): CorrelationSummary => ({
  proxy, n: 50, spearman: rho, kendall: rho * 0.75, spearmanCi: [rho - 0.1, rho + 0.1], kendallCi: [0, 1],
  spearmanTop: 0.1, kendallTop: 0.1, bestPickAccuracy: 90, bestAccuracy: 94,
});

const base = buildBaseline({
  experiment: 'x', backend: 'wasm', seed: 0, versions: {}, scores, fingerprint: fp,
  correlations: [corr('params', 0.7), corr('grad_norm', 0.6)],
  latency: [lat('a', samples(1, 10)), lat('b', samples(2, 20))],
});

function current(over: Partial<CurrentRun>): CurrentRun {
  return {
    experiment: 'x', backend: 'wasm', scores, fingerprint: fp, direction: () => 1,
    correlations: [corr('params', 0.7), corr('grad_norm', 0.6)],
    latency: [lat('a', samples(3, 10)), lat('b', samples(4, 20))], ...over,
  };
}

test('unchanged run: no regressions', () => {
  const c = compareRun(current({}), base, thresholds);
  assert.equal(c.counts.regression, 0);
  assert.equal(c.counts.improvement, 0);
  assert.ok(c.counts.unchanged >= 4 + 4 + 2);
});

test('slower latency and a dropped correlation: exactly two regressions', () => {
  const c = compareRun(current({
    correlations: [corr('params', 0.7), { ...corr('grad_norm', 0.5), kendall: 0.6 * 0.75 }],
    latency: [lat('a', samples(3, 13)), lat('b', samples(4, 20))],
  }), base, thresholds);
  const regs = c.items.filter((i) => i.verdict === 'regression');
  assert.equal(c.counts.regression, 2, JSON.stringify(regs, null, 1));
  assert.deepEqual(regs.map((r) => `${r.kind}:${r.key}:${r.metric}`).sort(), ['correlation:grad_norm:spearman', 'latency:a:batch=1']);
});

test('latency on other hardware gets no verdict, with the reason', () => {
  const c = compareRun(current({ fingerprint: { ...fp, cpuModel: 'Y' }, latency: [lat('a', samples(3, 13))] }), base, thresholds);
  const item = c.items.find((i) => i.kind === 'latency')!;
  assert.equal(item.verdict, 'incomparable');
  assert.match(item.detail, /cpuModel/);
});

test('a changed score on the same backend is exact; across backends within tolerance is unchanged', () => {
  const bumped = scores.map((r) => (r.arch === 'a' && r.proxy === 'grad_norm' ? { ...r, value: r.value * (1 + 1e-6) } : r));
  assert.equal(compareRun(current({ scores: bumped }), base, thresholds).counts.improvement, 1);
  assert.equal(compareRun(current({ scores: bumped, backend: 'node' }), base, thresholds).counts.improvement, 0);
});
