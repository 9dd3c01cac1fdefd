// The "head 10% slower" of bench/ab-decision.ts: head = base network + a small extra network whose own cost is
// 10% of base's, both run in the same workload. The extra is the same kind of work as the network (NB201's
// ReLU-Conv3x3-BN blocks through the same executor and backend), so when competing load slows the network's
// kernels (hyperthread siblings sharing a core's units and caches) it slows the extra alike and the true ratio
// stays near 1.10. A CPU busy-wait does not scale that way: calibrated on an idle machine, it became 3-9% of a
// network slowed by two busy neighbours, which measured the bench, not the rule.
// The extra's size is its input resolution (s x s, 16 channels, two blocks), picked per arch as the smallest s
// whose cost on the verdict's clock reaches 10% of base's; the resulting ratio is then measured interleaved
// (base, head, base, head ...) and printed, so the bench states the slowdown it actually tested.
import { GraphBuilder } from '../src/graph/builder.js';
import { reluConvBn } from '../src/spaces/nb201/cell.js';
import type { Graph } from '../src/graph/ir.js';
import { networkWorkload, type NetworkWorkload } from '../src/latency/networks.js';

export function extraNetwork(side: number): Graph {
  const g = new GraphBuilder(`extra-${side}`, [side, side, 3], 10);
  let x = g.add('stem', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 16, bias: false }, ['input']);
  x = reluConvBn(g, 'b1', x, 3, 1, 16);
  x = reluConvBn(g, 'b2', x, 3, 1, 16);
  g.add('gap', { op: 'global_avg_pool' }, [x]);
  g.add('fc', { op: 'dense', units: 10, bias: true }, ['gap']);
  return g.build('fc', x);
}

/** Mean of the fastest quarter of `rounds` runs of each workload, interleaved, on `clock` (ms). */
export async function fastCosts(ws: readonly NetworkWorkload[], clock: () => number, rounds = 40): Promise<number[]> {
  for (const w of ws) for (let i = 0; i < 3; i++) await w.run();
  const s: number[][] = ws.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < ws.length; i++) {
      const t0 = clock();
      await ws[i]!.run();
      s[i]!.push(clock() - t0);
    }
  }
  const keep = Math.ceil(rounds / 4);
  return s.map((xs) => xs.sort((a, b) => a - b).slice(0, keep).reduce((a, b) => a + b, 0) / keep);
}

/** base followed by extra, as one workload with base's key. */
export function withExtra(base: NetworkWorkload, extra: NetworkWorkload): NetworkWorkload {
  return { ...base, async run() { await base.run(); await extra.run(); }, dispose() { base.dispose(); extra.dispose(); } };
}

export interface Slowdown { side: number; ratio: number }

/**
 * The extra network's side for one arch's network: the smallest side whose cost reaches `fraction` of the
 * network's, by bisection, each candidate timed interleaved with the network (so load drift hits both); then the
 * ratio (network + extra) / network, timed interleaved. `side` fixes the side instead (--sides), e.g. to reuse
 * sides calibrated on a quieter machine.
 */
export async function calibrateSlowdown(base: Graph, arch: string, seed: number, clock: () => number, opts: { fraction?: number; side?: number } = {}): Promise<Slowdown> {
  const fraction = opts.fraction ?? 0.1;
  const b = networkWorkload(base, arch, 1, seed);
  const extraOf = (side: number) => networkWorkload(extraNetwork(side), `extra-${side}`, 1, seed);
  try {
    let side = opts.side;
    if (side === undefined) {
      let lo = 2, hi = 128; // cost(lo) < target <= cost(hi), sides even
      while (hi - lo > 2) {
        const mid = 2 * Math.round((lo + hi) / 4);
        const e = extraOf(mid);
        const [bc, ec] = await fastCosts([b, e], clock, 30);
        e.dispose();
        if (ec! >= fraction * bc!) hi = mid; else lo = mid;
      }
      side = hi;
    }
    const e = extraOf(side);
    const head: NetworkWorkload = { ...b, async run() { await b.run(); await e.run(); }, dispose() { e.dispose(); } };
    const [bc, hc] = await fastCosts([b, head], clock, 60);
    head.dispose();
    return { side, ratio: hc! / bc! };
  } finally {
    b.dispose();
  }
}
