// Fake workloads for measure tests: each run advances a fake clock by its own cost and logs its key.
import type { LatencyWorkload } from '../../src/latency/measure.js';

export function fakeBench(costs: Record<string, number>) {
  let t = 0;
  const calls: string[] = [];
  const workloads: LatencyWorkload[] = Object.entries(costs).map(([key, ms]) => ({
    key,
    batch: 1,
    run: async () => { calls.push(key); t += ms; },
  }));
  return { workloads, calls, now: () => t };
}
