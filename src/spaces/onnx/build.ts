// ONNX model -> Graph. Nodes are converted in file order (ONNX requires a topological order); shape arithmetic is
// folded to constants; weights are read for their dims only, so a model scores at the seeded initialisation like
// every other space. Notes for the run (folded batch norm) come back beside the graph.
import { GraphBuilder, GraphError } from '../../graph/builder.js';
import { liveNodes } from '../../graph/grad.js';
import type { Graph } from '../../graph/ir.js';
import { NodeCtx, type Value } from './context.js';
import { foldNode } from './fold.js';
import { OnnxError, isIntegerType, readOnnxFile, type OnnxModel, type OnnxNode } from './model.js';
import { matmul } from './ops-linear.js';
import { CONVERTERS, SUPPORTED_OPS } from './ops.js';

export { OnnxError } from './model.js';

export interface OnnxBuild {
  graph: Graph;
  /** Warnings for the run manifest and the report. */
  notes: string[];
}

export const BN_FOLDED_NOTE = 'has convolution biases and no BatchNormalization: if the model has batch norm, an eval-mode ' +
  'export folded it into the convolutions, and the gradient proxies then score a network without train-mode BN. Export with BN kept: ' +
  'model.train(); torch.onnx.export(model, x, path, training=torch.onnx.TrainingMode.TRAINING, do_constant_folding=False)';

/**
 * [H, W, C] of the image input; the batch dimension is free (a number or a symbolic name). Inputs are NCHW, or
 * NHWC when their one reader is Transpose(0, 3, 1, 2), as tf2onnx exports Keras models: that Transpose is the input.
 */
function imageInput(model: OnnxModel, readers: Map<string, OnnxNode[]>, where: string):
  { shape: [number, number, number]; batch: number; nhwc?: OnnxNode } {
  const d = model.input.dims;
  if (d.length !== 4) throw new OnnxError(`${where}: input "${model.input.name}" has dims [${d.map(String)}]; an image batch [N, C, H, W] (or [N, H, W, C] read by Transpose 0 3 1 2) is expected`);
  const r = readers.get(model.input.name) ?? [];
  const perm = r.length === 1 && r[0].opType === 'Transpose' ? r[0].attrs.get('perm')?.ints?.join(',') : undefined;
  const nhwc = perm === '0,3,1,2' ? r[0] : undefined;
  const [n, c, h, w] = nhwc ? [d[0], d[3], d[1], d[2]] : d;
  for (const [v, what] of [[c, 'channels'], [h, 'height'], [w, 'width']] as const) {
    if (typeof v !== 'number') {
      throw new OnnxError(`${where}: input "${model.input.name}" leaves its ${what} open (${v ?? '?'}); export with a fixed [C, H, W] (only the batch may be dynamic)`);
    }
  }
  return { shape: [h as number, w as number, c as number], batch: typeof n === 'number' ? n : NaN, ...(nhwc ? { nhwc } : {}) };
}

function readersOf(model: OnnxModel): Map<string, OnnxNode[]> {
  const readers = new Map<string, OnnxNode[]>();
  for (const n of model.nodes) for (const i of n.inputs) readers.set(i, [...(readers.get(i) ?? []), n]);
  return readers;
}

/** SiLU as exporters write it, Mul(x, Sigmoid(x)) with the sigmoid read by that Mul only: one `silu` unit. */
function siluPairs(model: OnnxModel, readers: Map<string, OnnxNode[]>): Map<OnnxNode, OnnxNode> {
  const pairs = new Map<OnnxNode, OnnxNode>();
  for (const n of model.nodes) {
    if (n.opType !== 'Sigmoid') continue;
    const r = readers.get(n.outputs[0]) ?? [];
    if (r.length !== 1 || r[0].opType !== 'Mul' || n.outputs[0] === model.output) continue;
    const other = r[0].inputs[0] === n.outputs[0] ? r[0].inputs[1] : r[0].inputs[0];
    if (other === n.inputs[0]) pairs.set(n, r[0]);
  }
  return pairs;
}

/** MatMul nodes whose only consumer adds a bias constant: that Add becomes the dense layer's bias. */
function matmulBiases(model: OnnxModel, readers: Map<string, OnnxNode[]>): Map<string, { add: OnnxNode; k: number }> {
  const out = new Map<string, { add: OnnxNode; k: number }>();
  for (const n of model.nodes) {
    if (n.opType !== 'MatMul' || !model.initializers.has(n.inputs[1])) continue;
    const r = readers.get(n.outputs[0]) ?? [];
    if (r.length !== 1 || r[0].opType !== 'Add' || n.outputs[0] === model.output) continue;
    const k = r[0].inputs[0] === n.outputs[0] ? 1 : 0;
    if (model.initializers.has(r[0].inputs[k])) out.set(n.name, { add: r[0], k });
  }
  return out;
}

export function buildOnnx(model: OnnxModel, key: string, where: string): OnnxBuild {
  const readers = readersOf(model);
  const { shape, batch, nhwc } = imageInput(model, readers, where);
  const g = new GraphBuilder(`onnx:${key}`, shape, 0);
  const values = new Map<string, Value>();
  for (const [name, t] of model.initializers) values.set(name, { kind: 'const', dims: t.dims ?? [], int: isIntegerType(t.dataType), source: t });
  values.set(model.input.name, { kind: 'tensor', id: 'input' });
  if (nhwc) values.set(nhwc.outputs[0], { kind: 'tensor', id: 'input' });
  const fused = matmulBiases(model, readers);
  const fusedAdds = new Map([...fused.values()].map((f) => [f.add, f]));
  const silus = siluPairs(model, readers);
  const siluMuls = new Set(silus.values());
  const ctxOf = (n: OnnxNode) => new NodeCtx(g, where, model.opset, n, batch, n.outputs.includes(model.output), values);
  const ids = new Set<string>();
  try {
    for (const node of model.nodes) {
      const ctx = ctxOf(node);
      if (node.domain && node.domain !== 'ai.onnx') ctx.fail(`operators of domain "${node.domain}" are not supported (the default ONNX domain only)`);
      if (node === nhwc) continue;
      let outs = foldNode(ctx);
      if (!outs) {
        const f = fused.get(node.name);
        const fusedAdd = fusedAdds.get(node);
        if (fusedAdd) outs = [values.get(node.inputs[1 - fusedAdd.k])!];
        else if (silus.has(node)) outs = [values.get(node.inputs[0]) ?? ctx.fail(`input "${node.inputs[0]}" is not produced by any earlier node`)];
        // The Sigmoid above passed x through: both inputs now read x.
        else if (siluMuls.has(node)) outs = [{ kind: 'tensor', id: ctx.add({ op: 'silu' }, [ctx.tensor(0)]) }];
        else if (f) outs = matmul(ctx, { ctx: ctxOf(f.add), k: f.k });
        else {
          const convert = CONVERTERS[node.opType];
          if (!convert) ctx.fail(`unsupported operator "${node.opType}"; supported: ${SUPPORTED_OPS.join(', ')}`);
          outs = convert(ctx);
        }
      }
      outs.forEach((v, k) => { if (v && node.outputs[k]) values.set(node.outputs[k], v); });
      for (const v of outs) if (v?.kind === 'tensor') ids.add(v.id);
    }
  } catch (e) {
    if (e instanceof GraphError) throw new OnnxError(`${where}: ${e.message}`);
    throw e;
  }
  const result = values.get(model.output);
  if (!result || result.kind !== 'tensor' || result.pad || result.view) {
    throw new OnnxError(`${where}: the output "${model.output}" is not a computed tensor of logits`);
  }
  const outShape = g.shapeOf(result.id);
  if (outShape.length !== 1) throw new OnnxError(`${where}: the output "${model.output}" is a feature map [${outShape}]; the model must end in a vector of logits`);
  const draft = g.build(result.id, result.id);
  const graph: Graph = { ...draft, numClasses: outShape[0], preGap: preGapOf(draft, where) };
  const notes: string[] = [];
  const hasBn = graph.nodes.some((n) => n.op === 'batchnorm');
  const convBias = graph.nodes.some((n) => (n.op === 'conv2d' || n.op === 'depthwise_conv2d') && n.bias);
  if (convBias && !hasBn) notes.push(`${where} ${BN_FOLDED_NOTE}`);
  return { graph, notes };
}

/** The input of the last global pooling (else flatten) on the way to the output: Zen-score's feature map. */
function preGapOf(graph: Graph, where: string): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ancestors = liveNodes(graph);
  for (const op of ['global_avg_pool', 'flatten']) {
    for (let k = graph.nodes.length - 1; k >= 0; k--) {
      const n = graph.nodes[k];
      if (ancestors.has(n.id) && n.op === op && byId.get(n.inputs[0])!.shape.length === 3) return n.inputs[0];
    }
  }
  throw new OnnxError(`${where}: no GlobalAveragePool, ReduceMean or Flatten of a feature map before the output`);
}

export function loadOnnxFile(path: string, key: string): OnnxBuild {
  return buildOnnx(readOnnxFile(path), key, path);
}
