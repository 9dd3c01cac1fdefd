import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHwAware } from '../../src/hwaware/analyze.js';
import type { LatencyRow, ScoreRow } from '../../src/results.js';

const lat = (arch: string, batch: number, median_ms: number): LatencyRow => ({
  arch, batch, median_ms, p25_ms: 0, p75_ms: 0, min_ms: 0, cv: 0, n: 10, ci_low_ms: 0, ci_high_ms: 0, normalized: median_ms / 2,
});
const score = (arch: string, value: number, status: ScoreRow['status'] = 'ok'): ScoreRow => ({ arch, proxy: 'p', value, status, seconds: 0 });

test('analysis uses the smallest batch measured, and a score that is not ok is never picked', () => {
  const archs = ['a', 'b', 'c'];
  const result = analyzeHwAware({
    archs,
    // batch 1 ranks a < b < c; batch 8 the reverse: only batch 1 must be used
    latency: [lat('a', 8, 30), lat('b', 8, 20), lat('c', 8, 10), lat('c', 1, 3), lat('a', 1, 1), lat('b', 1, 2)],
    scores: [score('a', 1), score('b', 2), score('c', 99, 'error')],
    flops: new Map([['a', 10], ['b', 30], ['c', 20]]),
    accuracy: new Map([['a', 80], ['b', 85], ['c', 90]]),
    devices: new Map([['dev', new Map([['a', 0.1], ['b', 0.2], ['c', 0.3]])]]),
    budgets: 3,
  });
  assert.equal(result.latencyBatch, 1);
  assert.deepEqual(result.agreement.map((r) => [r.measure, r.spearman]), [
    ['latency_ms', 1], ['latency_norm', 1], ['flops', 0.5], // flops ranks 1,3,2 vs 1,2,3: rho = 1 - 6*2/24
  ]);
  const onLatency = result.paretoGap.find((c) => c.cost === 'latency_ms')!;
  assert.deepEqual(onLatency.budgets, [1, 2, 3]);
  // c errored: with all three feasible the pick stays b (85) while c (90) is best: gap 5
  assert.deepEqual(onLatency.sweeps[0].picks.map((p) => [p.pickArch, p.gap]), [['a', 0], ['b', 0], ['b', 5]]);
});
