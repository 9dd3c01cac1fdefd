import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureLatency } from '../../src/latency/measure.js';
import { fakeBench } from './fake-workloads.js';

test('sampling stops at minSamples, the time budget or maxSamples', async () => {
  const bench = fakeBench({ slow: 10, fast: 1 });
  const progress: Array<[number, number]> = [];
  const res = await measureLatency(
    bench.workloads,
    { enabled: true, batchSizes: [1], warmup: 1, minSamples: 3, maxSamples: 30, budgetMs: 40 },
    { now: bench.now, onProgress: (d, t) => progress.push([d, t]) },
  );
  // slow: 3 samples (30 ms) + one more fits (40 ms), a fifth would not. fast: capped by maxSamples.
  assert.equal(res.get('slow')!.samples.length, 4);
  assert.equal(res.get('fast')!.samples.length, 30);
  assert.equal(bench.calls.filter((k) => k === 'slow').length, 1 + 4);
  assert.deepEqual(progress.at(-1), [60, 60]);
  assert.equal(progress.length, 34 + 1);

  const tight = fakeBench({ slow: 10 });
  const r2 = await measureLatency(tight.workloads, { enabled: true, batchSizes: [1], warmup: 0, minSamples: 5, maxSamples: 9, budgetMs: 0 }, { now: tight.now });
  assert.equal(r2.get('slow')!.samples.length, 5, 'minSamples is always reached');
  await assert.rejects(
    measureLatency(tight.workloads, { enabled: true, batchSizes: [1], warmup: 0, minSamples: 5, maxSamples: 4, budgetMs: 0 }),
    /latency\.maxSamples: expected an integer >= minSamples \(5\), got 4/,
  );
});
