// Gradients of a loss of the logits with a checkpointed tape. One tape over a whole NB201 all-3x3 network at
// batch 64 overflows wasm's 4 GiB heap (and the abort kills the backend for the rest of the process), so the
// graph is cut at nodes every path passes through (NB201 cell outputs); the forward keeps only those, and the
// backward re-runs one segment at a time. Exact: a segment's output depends only on its input and its own
// parameters (its BN statistics are computed inside it from the whole batch), so the chain rule over segments
// is the full gradient. Costs about one extra forward.
import * as tf from '@tensorflow/tfjs';
import { execute, type ExecOptions, type ParamMap } from './execute.js';
import { liveNodes } from './grad.js';
import type { Graph, GraphNode } from './ir.js';

/**
 * The graph cut into consecutive sub-graphs at nodes that separate everything before from everything after
 * (no edge jumps over them). Each segment's first node is 'input' standing for the previous cut node.
 */
export function segmentGraph(graph: Graph): Graph[] {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  // suffixMin[k] = smallest input index read by any node at position >= k
  const suffixMin = new Array<number>(graph.nodes.length + 1).fill(Infinity);
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const own = Math.min(...graph.nodes[k].inputs.map((i) => index.get(i)!));
    suffixMin[k] = Math.min(suffixMin[k + 1], own);
  }
  const outAt = index.get(graph.output)!;
  const cuts: number[] = [0];
  for (let k = 1; k < outAt; k++) if (suffixMin[k + 1] >= k) cuts.push(k);
  cuts.push(graph.nodes.length - 1);
  const segments: Graph[] = [];
  for (let s = 1; s < cuts.length; s++) {
    const from = graph.nodes[cuts[s - 1]];
    const rename = (id: string) => (id === from.id ? 'input' : id);
    const body: GraphNode[] = graph.nodes.slice(cuts[s - 1] + 1, cuts[s] + 1)
      .map((n) => ({ ...n, inputs: n.inputs.map(rename) }) as GraphNode);
    const last = s === cuts.length - 1 ? graph.output : graph.nodes[cuts[s]].id;
    segments.push({
      ...graph,
      name: `${graph.name}#seg${s}`,
      inputShape: from.shape as [number, number, number],
      nodes: [{ id: 'input', op: 'input', inputs: [], shape: [...from.shape] }, ...body],
      output: last,
      preGap: last,
      params: graph.params.filter((p) => body.some((n) => n.id === p.node)),
    });
  }
  return segments;
}

/**
 * The graph without the nodes that neither reach the output nor feed a node in `keep` (an NB201 node that feeds
 * only 'none' edges, and its convolutions): they change no logit and no gradient, so a gradient pass need not run
 * them, forward or backward. Their parameters stay in `params` (their gradients are zeros).
 */
export function withoutDeadNodes(graph: Graph, keep: ReadonlySet<string>): Graph {
  const needed = liveNodes(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const stack = [...keep].filter((id) => byId.has(id) && !needed.has(id));
  while (stack.length) {
    const id = stack.pop()!;
    if (needed.has(id)) continue;
    needed.add(id);
    stack.push(...byId.get(id)!.inputs);
  }
  if (needed.size === graph.nodes.length) return graph;
  return { ...graph, nodes: graph.nodes.filter((n) => n.op === 'input' || needed.has(n.id)) };
}

export interface CheckpointOptions {
  bn?: ExecOptions['bn'];
  /** Tensors added to node outputs (zeros for Fisher); their gradients come back in `additiveGrads`. */
  additive?: Map<string, tf.Tensor>;
  /** Node outputs to return from the forward (caller disposes). */
  keep?: string[];
  /** Also return dLoss/dx. */
  inputGrad?: boolean;
  /** Frozen ReLU activation patterns (see ExecOptions.reluMasks). */
  reluMasks?: ExecOptions['reluMasks'];
}

export interface CheckpointResult {
  value: number;
  /** One per requested name; zeros for parameters that do not reach the loss. Caller disposes. */
  grads: Map<string, tf.Tensor>;
  additiveGrads: Map<string, tf.Tensor>;
  kept: Map<string, tf.Tensor>;
  inputGrad?: tf.Tensor;
}

export function checkpointedGrads(graph: Graph, params: ParamMap, x: tf.Tensor, names: string[],
  loss: (logits: tf.Tensor) => tf.Scalar, opts: CheckpointOptions = {}): CheckpointResult {
  const live = liveNodes(graph);
  const nodeOf = new Map(graph.params.map((p) => [p.name, p.node]));
  const wanted = new Set(names.filter((n) => live.has(nodeOf.get(n) ?? '')));
  const keep = new Set(opts.keep ?? []);
  const segments = segmentGraph(withoutDeadNodes(graph, keep));
  const bn = opts.bn ?? 'train';
  const kept = new Map<string, tf.Tensor>();
  const grads = new Map<string, tf.Tensor>();
  const additiveGrads = new Map<string, tf.Tensor>();
  const acts: tf.Tensor[] = [x];
  let value = NaN;
  let inputGrad: tf.Tensor | undefined;
  const segAdditive = (seg: Graph) => [...(opts.additive ?? new Map()).keys()].filter((id) => seg.nodes.some((n) => n.id === id));
  try {
    // Forward without a tape: keep only the cut tensors (and what the caller asked for).
    for (const seg of segments.slice(0, -1)) {
      const ids = seg.nodes.map((n) => n.id).filter((id) => keep.has(id) && id !== seg.output);
      const r = execute(seg, params, acts[acts.length - 1], { bn, additive: opts.additive, keep: ids, reluMasks: opts.reluMasks });
      for (const [id, t] of r.kept) kept.set(id, t);
      if (keep.has(seg.output)) kept.set(seg.output, tf.clone(r.logits));
      acts.push(r.logits);
    }
    let seed: tf.Tensor | null = null;
    for (let s = segments.length - 1; s >= 0; s--) {
      const seg = segments[s];
      const pNames = seg.params.map((p) => p.name).filter((n) => wanted.has(n));
      const aNames = segAdditive(seg);
      const withInput = s > 0 || opts.inputGrad === true;
      if (!withInput && !pNames.length && !aNames.length) break;
      const last = s === segments.length - 1;
      const xs = [...(withInput ? [acts[s]] : []), ...pNames.map((n) => params[n]), ...aNames.map((a) => opts.additive!.get(a)!)];
      const upstream: tf.Tensor | null = seed;
      const out: tf.Tensor[] = tf.tidy((): tf.Tensor[] => {
        const f = (...ts: tf.Tensor[]): tf.Scalar => {
          let k = withInput ? 1 : 0;
          const p: ParamMap = { ...params };
          for (const n of pNames) p[n] = ts[k++];
          const additive = new Map(opts.additive ?? []);
          for (const a of aNames) additive.set(a, ts[k++]);
          const r = execute(seg, p, withInput ? ts[0] : acts[s], { bn, additive, reluMasks: opts.reluMasks });
          if (last && keep.has(graph.output)) kept.set(graph.output, tf.keep(tf.clone(r.logits)));
          return (upstream ? tf.sum(tf.mul(r.logits, upstream)) : loss(r.logits)) as tf.Scalar;
        };
        const vg = tf.valueAndGrads(f)(xs);
        return [vg.value, ...vg.grads];
      });
      if (last) value = out[0].dataSync()[0];
      out[0].dispose();
      let k = 1;
      const nextSeed: tf.Tensor | null = withInput ? out[k++] : null;
      for (const n of pNames) grads.set(n, out[k++]);
      for (const a of aNames) additiveGrads.set(a, out[k++]);
      upstream?.dispose();
      seed = nextSeed;
    }
    if (opts.inputGrad) inputGrad = seed ?? tf.zerosLike(x);
    else seed?.dispose();
  } finally {
    for (const a of acts.slice(1)) a.dispose();
  }
  for (const n of names) if (!grads.has(n)) grads.set(n, tf.zerosLike(params[n]));
  for (const a of opts.additive?.keys() ?? []) if (!additiveGrads.has(a)) additiveGrads.set(a, tf.zerosLike(opts.additive!.get(a)!));
  return { value, grads, additiveGrads, kept, ...(inputGrad ? { inputGrad } : {}) };
}
