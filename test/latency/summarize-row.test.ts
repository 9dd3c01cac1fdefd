import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeLatency } from '../../src/latency/summarize.js';

test('samples summarize to the LatencyRow fields', () => {
  // sorted 1 2 3 4 5 6 7 8 9 10 11: median 6, p25 3.5, p75 8.5; n = 11 -> 95% CI ranks 2 and 10.
  const xs = [6, 11, 1, 9, 3, 10, 2, 8, 4, 7, 5];
  const row = summarizeLatency('arch-a', 4, xs, 3);
  const std = Math.sqrt(110 / 10); // squared deviations from 6 sum to 110
  assert.deepEqual({ ...row, cv: 0 }, {
    arch: 'arch-a', batch: 4, median_ms: 6, p25_ms: 3.5, p75_ms: 8.5, min_ms: 1, cv: 0, n: 11,
    ci_low_ms: 2, ci_high_ms: 10, normalized: 2,
  });
  assert.ok(Math.abs(row.cv - std / 6) < 1e-12);
  assert.ok(Number.isNaN(summarizeLatency('a', 1, xs).normalized));
  assert.throws(() => summarizeLatency('a', 1, []), /no samples for a at batch 1/);
});
