// Synthetic latency samples for the verdict tests: median * (1 + relNoise * N(0,1)), seeded.
import { Rng } from '../../src/engine/rng.js';

export function samples(seed: number, n: number, medianMs: number, relNoise: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => medianMs * (1 + relNoise * rng.normal()));
}
