// The "head 10% slower" of bench/ab-decision.ts: a network with about 10% more compute than base, run as ONE
// inference like any head arch: base's graph plus a side branch from the input (a 3x3 conv stem and two NB201
// ReLU-Conv3x3-BN blocks at `width` channels, pooled, a dense layer) whose logits are added to base's. The extra
// work is the same kind as the network's (convolutions through the same engine, tfjs or onnxruntime, in the same
// call), so when competing load slows the network's kernels (a busy hyperthread sibling, shared caches) it slows
// the branch alike and the true ratio stays near 1.10. A CPU busy-wait after the network, calibrated on an idle
// machine, does not scale that way: under two busy neighbours it became 3-9% of the slowed network. A second
// small network in its own call would add a call's fixed cost (on onnxruntime that alone was 13-18% of the
// cheapest arch at batch 1).
// `width` is picked per arch by a few secant steps towards head/base = 1 + fraction, each candidate timed
// interleaved with base for 10 s; the last measured ratio is printed, so the bench states the slowdown it tested.
import { performance } from 'node:perf_hooks';
import { GraphBuilder } from '../src/graph/builder.js';
import { reluConvBn } from '../src/spaces/nb201/cell.js';
import type { Graph, GraphNode, NodeSpec } from '../src/graph/ir.js';
import type { NetworkWorkload } from '../src/latency/networks.js';
import { createNetworkWorkload, type LatencyEngine } from '../src/latency/engine.js';

/** base's network plus a side branch of `width` channels whose logits are added to base's. */
export function withExtraBranch(base: Graph, width: number): Graph {
  const g = new GraphBuilder(`${base.name}+extra${width}`, base.inputShape, base.numClasses);
  for (const n of base.nodes) {
    if (n.op === 'input') continue;
    const { id, inputs, shape: _shape, ...spec } = n as GraphNode;
    g.add(id, spec as NodeSpec, inputs);
  }
  let x = g.add('extra.stem', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: width, bias: false }, ['input']);
  x = reluConvBn(g, 'extra.b1', x, 3, 1, width);
  x = reluConvBn(g, 'extra.b2', x, 3, 1, width);
  g.add('extra.gap', { op: 'global_avg_pool' }, [x]);
  g.add('extra.fc', { op: 'dense', units: base.numClasses, bias: true }, ['extra.gap']);
  g.add('extra.sum', { op: 'add' }, [base.output, 'extra.fc']);
  return g.build('extra.sum', base.preGap);
}

/** Mean of the fastest quarter of each workload's runs, interleaved, on `clock` (ms): at least 30 rounds and `ms`. */
export async function fastCosts(ws: readonly NetworkWorkload[], clock: () => number, ms: number): Promise<number[]> {
  for (const w of ws) for (let i = 0; i < 3; i++) await w.run();
  const s: number[][] = ws.map(() => []);
  const start = performance.now();
  for (let r = 0; r < 30 || performance.now() - start < ms; r++) {
    for (let i = 0; i < ws.length; i++) {
      const t0 = clock();
      await ws[i]!.run();
      s[i]!.push(clock() - t0);
    }
  }
  return s.map((xs) => {
    const keep = Math.ceil(xs.length / 4);
    return xs.sort((a, b) => a - b).slice(0, keep).reduce((a, b) => a + b, 0) / keep;
  });
}

export interface Slowdown { width: number; ratio: number }

/** The branch width for one arch's network (or `width` as given, --widths) and the measured head/base ratio. */
export async function calibrateSlowdown(
  engine: LatencyEngine, base: Graph, arch: string, seed: number, clock: () => number, opts: { fraction?: number; width?: number } = {},
): Promise<Slowdown> {
  const fraction = opts.fraction ?? 0.1;
  const b = await createNetworkWorkload(engine, base, arch, 1, seed);
  const headOf = (width: number) => createNetworkWorkload(engine, withExtraBranch(base, width), arch, 1, seed);
  const ratioAt = async (width: number) => {
    const h = await headOf(width);
    const [bc, hc] = await fastCosts([b, h], clock, 10_000);
    h.dispose();
    return hc! / bc!;
  };
  try {
    if (opts.width !== undefined) return { width: opts.width, ratio: await ratioAt(opts.width) };
    // The branch's cost grows about as width^2 (its two blocks): three secant steps on that model, widths in
    // steps of 4 (onnxruntime's conv kernels are slower at odd channel counts), each timed for 10 s.
    let width = 16, ratio = await ratioAt(width);
    for (let step = 0; step < 2; step++) {
      const next = Math.min(128, Math.max(4, 4 * Math.round((width * Math.sqrt(fraction / Math.max(ratio - 1, 0.005))) / 4)));
      if (next === width) break;
      width = next;
      ratio = await ratioAt(width);
    }
    return { width, ratio };
  } finally {
    b.dispose();
  }
}
