// One ONNX model per (arch, batch size, outputs) that computes a loss and its gradients: the forward in train-mode
// BN (forward.ts), the loss and its gradient w.r.t. the logits, the backward (backward.ts). Images, labels and
// every parameter are graph inputs, so one session serves every pass over the same arch: the shared loss
// gradients, GraSP's perturbed weights, ZiCo's batches.
import { liveNodes } from '../../graph/grad.js';
import { withoutDeadNodes } from '../../graph/checkpoint.js';
import type { Graph, ParamSpec } from '../../graph/ir.js';
import { attrInt, attrInts, IR_VERSION, ModelWriter, valueInfo } from '../../latency/onnx-export.js';
import { encodeModel } from '../../spaces/onnx/proto.js';
import { emitForward, maskInput, paramInput, unsupportedReason, valueOf } from './forward.js';
import { emitBackward } from './backward.js';
import { emitTangents } from './tangent.js';

/** Opset 18: every reduction takes its axes as an input (ReduceMean/ReduceLogSumExp still had attributes in 17). */
export const GRAD_OPSET = 18;

export type GradLoss = 'cross-entropy' | 'sum-logits' | 'row-logits';

export interface GradModelOptions {
  batch: number;
  /**
   * Mean softmax cross-entropy against one-hot labels (a graph input), the sum of the logits (Jacobians), or the
   * sum of the logits weighted by a fed [batch, classes] selector (`rows`: one row of ones gives that row's NTK gradient).
   */
  loss: GradLoss;
  /** Weight parameters whose gradients come out (dead ones are left to the caller: zeros). */
  weights: readonly string[];
  /** Also output dL/d(images), NHWC. */
  inputGrad?: boolean;
  /** Conv/dense node ids whose Fisher statistic ½ mean_n (Σ_hw a·δ)² per channel comes out. */
  fisher?: readonly string[];
  /** ReLUs as x * mask with the masks fed (mask/<node id>, NHWC 0/1): GraSP's frozen activation patterns. */
  frozenRelu?: boolean;
  /** Also output H·v for every live weight (tangent.ts): v fed per weight as tangentInput(name), the other
   * parameters unperturbed (GraSP's Hg: v = g on conv/dense weights, 0 on BN γ/β and biases). */
  hvp?: boolean;
}

/** Graph-input name of a weight's direction v in the Hessian-vector model (IR layout). */
export const tangentInput = (weight: string) => `tangent/${paramInput(weight)}`;

export interface GradModel {
  bytes: Uint8Array;
  /** Graph inputs: the parameters the model reads, in the IR layout. */
  params: ParamSpec[];
  /** Graph inputs: the frozen ReLU patterns, by node id, with their NHWC dims. */
  masks: Map<string, number[]>;
  /** Output names. */
  loss: string;
  grads: Map<string, string>;
  inputGrad?: string;
  fisher: Map<string, string>;
  /** H·v outputs by weight name (hvp models), and the weights whose direction is fed (graph inputs). */
  hvp: Map<string, string>;
  tangents: ParamSpec[];
}

export const IMAGES = 'images';
export const LABELS = 'labels';
export const ROWS = 'rows';

export function buildGradModel(graph: Graph, opts: GradModelOptions): GradModel {
  const reason = unsupportedReason(graph);
  if (reason) throw new Error(`${graph.name}: ${reason}`);
  const live = liveNodes(graph);
  const g = withoutDeadNodes(graph, new Set());
  const n = opts.batch;
  const m = new ModelWriter();
  const fwd = emitForward(m, g, IMAGES, opts.frozenRelu === true);
  const logits = valueOf(g.output);
  const k = g.numClasses;
  let loss: string, seed: string;
  if (opts.loss === 'cross-entropy') {
    const lse = m.node('ReduceLogSumExp', [logits, m.ints([1])], 'loss/lse', [attrInt('keepdims', 0)]);
    const picked = m.node('ReduceSum', [m.node('Mul', [LABELS, logits], 'loss/onehot'), m.ints([1])], 'loss/picked', [attrInt('keepdims', 0)]);
    loss = m.node('ReduceMean', [m.node('Sub', [lse, picked], 'loss/each'), m.ints([0])], 'loss', [attrInt('keepdims', 0)]);
    const soft = m.node('Softmax', [logits], 'loss/softmax', [attrInt('axis', 1)]);
    seed = m.node('Mul', [m.node('Sub', [soft, LABELS], 'loss/residual'), m.scalar(1 / n)], 'loss/dlogits');
  } else if (opts.loss === 'row-logits') {
    loss = m.node('ReduceSum', [m.node('Mul', [ROWS, logits], 'loss/selected'), m.ints([0, 1])], 'loss', [attrInt('keepdims', 0)]);
    seed = ROWS;
  } else {
    loss = m.node('ReduceSum', [logits, m.ints([0, 1])], 'loss', [attrInt('keepdims', 0)]);
    seed = m.node('Expand', [m.scalar(1), m.ints([n, k])], 'loss/dlogits');
  }
  const nodeOf = new Map(g.params.map((p) => [p.name, p.node]));
  const wanted = new Set(opts.weights.filter((w) => live.has(nodeOf.get(w) ?? '')));
  const back = emitBackward(m, g, fwd, seed, n, wanted, opts.inputGrad === true);

  const outputs = [valueInfo(loss, [])];
  const grads = new Map<string, string>();
  for (const w of opts.weights) {
    const out = back.weightGrads.get(w);
    if (!out) continue;
    grads.set(w, out);
    outputs.push(valueInfo(out, g.params.find((p) => p.name === w)!.shape));
  }
  let inputGrad: string | undefined;
  if (opts.inputGrad) {
    const d = back.nodeGrads.get(g.nodes.find((x) => x.op === 'input')!.id);
    inputGrad = d
      ? m.node('Transpose', [d], 'grad/images', [attrInts('perm', [0, 2, 3, 1])])
      : m.node('Expand', [m.scalar(0), m.ints([n, ...g.inputShape])], 'grad/images');
    outputs.push(valueInfo(inputGrad, [n, ...g.inputShape]));
  }
  const fisher = new Map<string, string>();
  for (const id of opts.fisher ?? []) {
    const delta = back.nodeGrads.get(id);
    const node = g.nodes.find((x) => x.id === id);
    if (!delta || !node) continue;
    const prod = m.node('Mul', [valueOf(id), delta], `fisher/${id}/prod`);
    const s = node.shape.length === 3 ? m.node('ReduceSum', [prod, m.ints([2, 3])], `fisher/${id}/s`, [attrInt('keepdims', 0)]) : prod;
    const mean = m.node('ReduceMean', [m.node('Mul', [s, s], `fisher/${id}/sq`), m.ints([0])], `fisher/${id}/mean`, [attrInt('keepdims', 0)]);
    fisher.set(id, m.node('Mul', [mean, m.scalar(0.5)], `fisher/${id}`));
    outputs.push(valueInfo(`fisher/${id}`, [node.shape.at(-1)!]));
  }
  const hvp = new Map<string, string>();
  const tangents: ParamSpec[] = [];
  if (opts.hvp) {
    const specs = new Map(g.params.map((p) => [p.name, p]));
    for (const w of wanted) tangents.push(specs.get(w)!);
    const hv = emitTangents(m, new Map(tangents.map((p) => [paramInput(p.name), tangentInput(p.name)])), [...grads.values()]);
    for (const [w, gradOut] of grads) {
      const t = hv.get(gradOut);
      if (!t) continue;
      hvp.set(w, m.node('Identity', [t], `hvp/${w}`));
      outputs.push(valueInfo(`hvp/${w}`, specs.get(w)!.shape));
    }
  }
  const params = dedupe(fwd.used);
  const inputs = [valueInfo(IMAGES, [n, ...g.inputShape]),
    ...(opts.loss === 'cross-entropy' ? [valueInfo(LABELS, [n, k])] : []),
    ...(opts.loss === 'row-logits' ? [valueInfo(ROWS, [n, k])] : []),
    ...params.map((p) => valueInfo(paramInput(p.name), p.shape))];
  const masks = new Map([...fwd.masks.keys()].map((id) => [id, [n, ...g.nodes.find((x) => x.id === id)!.shape]]));
  for (const [id, dims] of masks) inputs.push(valueInfo(maskInput(id), dims));
  for (const p of tangents) inputs.push(valueInfo(tangentInput(p.name), p.shape));
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: 'zsnas-grad',
    opsetImport: [{ domain: '', version: GRAD_OPSET }],
    graph: { name: `${graph.name}#grad`, node: m.nodes, initializer: m.initializers, input: inputs, output: outputs },
  });
  return { bytes, params, masks, loss, grads, ...(inputGrad ? { inputGrad } : {}), fisher, hvp, tangents };
}

function dedupe(ps: ParamSpec[]): ParamSpec[] {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}
