import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureLatency } from '../../src/latency/measure.js';
import type { LatencyConfig } from '../../src/spec/types.js';
import { fakeBench } from './fake-workloads.js';

const cfg: LatencyConfig = { enabled: true, batchSizes: [1], warmup: 2, minSamples: 20, maxSamples: 20, budgetMs: 1e9 };

async function orders(seed: number): Promise<string[][]> {
  const bench = fakeBench({ a: 1, b: 2, c: 3, d: 4 });
  const rounds: string[][] = [];
  const res = await measureLatency(bench.workloads, cfg, { now: bench.now, seed, onRound: (o) => rounds.push([...o]) });
  for (const [key, ms] of Object.entries({ a: 1, b: 2, c: 3, d: 4 })) {
    assert.deepEqual(res.get(key)!.samples, Array(20).fill(ms), 'each sample is exactly the run time');
  }
  assert.deepEqual(bench.calls.slice(0, 8), ['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd'], 'warm-up first');
  return rounds;
}

test('rounds time every workload once, in a shuffled order that is deterministic for a seed', async () => {
  const rounds = await orders(42);
  assert.equal(rounds.length, 20);
  for (const r of rounds) assert.deepEqual([...r].sort(), ['a', 'b', 'c', 'd']);
  const distinct = new Set(rounds.map((r) => r.join('')));
  assert.ok(distinct.size >= 8, `only ${distinct.size} distinct orders in 20 rounds`);
  // every workload is first in some round: no fixed position
  assert.deepEqual(new Set(rounds.map((r) => r[0])), new Set(['a', 'b', 'c', 'd']));
  assert.deepEqual(await orders(42), rounds);
  assert.notDeepEqual(await orders(43), rounds);
});
