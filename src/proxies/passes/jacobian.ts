// The input Jacobian shared by jacob_cov and epe_nas: J_n = d(sum of the batch's logits)/d x_n at PyTorch default
// init, train-mode BN (samples are coupled through the batch statistics, as in the references). Kept as a plain
// Float32Array (rows = samples), so the context owns no tensors for it.
//
// Memory: one tape over a whole NB201 all-3x3 network at batch 64 overflows wasm's 4 GiB heap (and the abort
// kills the backend for the rest of the process). So the gradient is checkpointed: the graph is cut at nodes
// every path passes through (NB201 cell outputs), the forward keeps only those, and the backward re-runs one
// segment at a time under tf.grad. Exact: a segment's output depends only on its input (its BN statistics are
// computed inside it from the whole batch), so the chain rule over segments is the full gradient. Cost ~1.3x.
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../graph/execute.js';
import type { Graph, GraphNode } from '../../graph/ir.js';
import type { ProxyContext } from '../types.js';

export interface InputJacobian {
  /** Row-major [n, d], d = H*W*C (NHWC order; correlations do not depend on the order). */
  rows: Float32Array;
  n: number;
  d: number;
}

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
    });
  }
  return segments;
}

/** J for an explicit network, parameters and batch (tests call this directly). */
export function inputJacobian(graph: Graph, params: ParamMap, x: tf.Tensor4D): InputJacobian {
  const segments = segmentGraph(graph);
  const run = (seg: Graph, input: tf.Tensor) => execute(seg, params, input, { bn: 'train' }).logits;
  const acts: tf.Tensor[] = [x];
  try {
    for (const seg of segments.slice(0, -1)) acts.push(tf.tidy(() => run(seg, acts[acts.length - 1])));
    let g: tf.Tensor | null = null;
    for (let s = segments.length - 1; s >= 0; s--) {
      const seed: tf.Tensor | null = g;
      const next: tf.Tensor = tf.tidy(() => tf.grad((input: tf.Tensor) => {
        const out = run(segments[s], input);
        return seed ? tf.sum(tf.mul(out, seed)) : tf.sum(out);
      })(acts[s]));
      seed?.dispose();
      g = next;
    }
    const rows = Float32Array.from(g!.dataSync());
    g!.dispose();
    const n = x.shape[0];
    return { rows, n, d: rows.length / n };
  } finally {
    for (const a of acts.slice(1)) a.dispose();
  }
}

/** The shared pass: the first `samples` images of calibration batch 0. */
export function sharedInputJacobian(ctx: ProxyContext, samples: number): InputJacobian {
  const x = ctx.input(0, samples);
  return ctx.shared(`input-jacobian:pytorch:0:${x.shape[0]}`, () => inputJacobian(ctx.graph, ctx.params('pytorch'), x));
}
