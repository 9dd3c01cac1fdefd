// The backward half of a gradient model, written out in plain ONNX ops (onnxruntime-node has no training API):
// one rule per IR op, from the node's output gradient to its inputs' gradients and its weight's gradient.
//   conv input gradient   ConvTranspose with the same weights, strides, pads, dilations, groups
//   conv filter gradient  Conv over the batch: X as [Cin/g, g*N, H, W], dY as the [Cout, N, h, w] kernel,
//                         dilations = stride, strides = dilation, groups = g (depthwise: g = Cin)
//   BN (train)            dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), dxhat = dy * gamma;
//                         dgamma = sum(dy * xhat) over batch and positions (when asked)
//   avg pool              dY / count, then a depthwise ConvTranspose with a ones kernel
//   GAP, dense, ReLU      Expand / HW, two Gemms, Where(x > 0)
import type { Graph, GraphNode } from '../../graph/ir.js';
import { attrInt, attrInts, type ModelWriter } from '../../latency/onnx-export.js';
import { channelAxes, valueOf, type ForwardInfo } from './forward.js';

/** Model value holding the gradient of the loss w.r.t. a node's output (NCHW). */
export const gradOf = (id: string) => `d/${id}`;

export interface BackwardResult {
  /** dL/dW in the IR layout, by weight parameter name (live weights only). */
  weightGrads: Map<string, string>;
  /** dL/d(output) by node id, for every node whose gradient was formed. */
  nodeGrads: Map<string, string>;
}

/** Output size of a window along one axis, and the transposed conv's output_padding that restores `size`. */
function outputPadding(size: number, out: number, extent: number, stride: number, before: number, after: number): number {
  return size - (stride * (out - 1) + extent - before - after);
}

/**
 * Emits the backward of `graph` from `seed` (dL/dlogits) down to the weights (and the input when asked).
 * Gradients reaching a node from several readers are summed once, just before its own rule runs.
 */
export function emitBackward(m: ModelWriter, graph: Graph, fwd: ForwardInfo, seed: string, batch: number,
  wanted: ReadonlySet<string>, inputGrad: boolean): BackwardResult {
  // The images' gradient is formed only when asked (jacob_cov); otherwise the stem's input gradient is skipped.
  const inputId = graph.nodes.find((n) => n.op === 'input')!.id;
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  const parts = new Map<string, string[]>([[graph.output, [seed]]]);
  const weightGrads = new Map<string, string>();
  const nodeGrads = new Map<string, string>();
  const send = (id: string, g: string) => { if (inputGrad || id !== inputId) parts.set(id, [...(parts.get(id) ?? []), g]); };

  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const node = graph.nodes[k];
    const contributions = parts.get(node.id);
    if (!contributions?.length) continue;
    const dy = contributions.length === 1 ? contributions[0] : m.node('Sum', contributions, gradOf(node.id));
    nodeGrads.set(node.id, dy);
    if (node.op === 'input') continue;
    const x = valueOf(node.inputs[0]);
    const inShape = shapes.get(node.inputs[0])!;
    const at = `${gradOf(node.id)}`;
    switch (node.op) {
      case 'conv2d':
      case 'depthwise_conv2d': {
        const [h, w, cin] = inShape;
        const [ho, wo] = node.shape;
        const [kh, kw] = node.kernel;
        const [t, b, l, r] = node.pad;
        const s = node.stride, d = node.dilation ?? 1;
        const groups = node.op === 'depthwise_conv2d' ? cin : node.groups ?? 1;
        const cout = node.shape[2];
        const wn = fwd.convWeight.get(node.id)!;
        if (inputGrad || node.inputs[0] !== inputId) {
          const ext = (kk: number) => d * (kk - 1) + 1;
          send(node.inputs[0], m.node('ConvTranspose', [dy, wn], `${at}/dx`, [attrInts('kernel_shape', node.kernel),
            attrInts('strides', [s, s]), attrInts('pads', [t, l, b, r]), attrInts('dilations', [d, d]), attrInt('group', groups),
            attrInts('output_padding', [outputPadding(h, ho, ext(kh), s, t, b), outputPadding(w, wo, ext(kw), s, l, r)])]));
        }
        const name = `${node.id}.weight`;
        if (!wanted.has(name)) break;
        const cg = cin / groups;
        // X [N, Cin, H, W] -> [Cin/g, g*N, H, W]: group G of the filter-gradient conv reads group G's channels of
        // every sample; dY [N, Cout, h, w] -> [Cout, N, h, w] is its kernel (Cout/g filters per group).
        const xg = groups === 1
          ? m.node('Transpose', [x], `${at}/xt`, [attrInts('perm', [1, 0, 2, 3])])
          : m.node('Reshape', [m.node('Transpose', [m.node('Reshape', [x, m.ints([batch, groups, cg, h, w])], `${at}/x5`)], `${at}/x5t`,
            [attrInts('perm', [2, 1, 0, 3, 4])]), m.ints([cg, groups * batch, h, w])], `${at}/xt`);
        const dyt = m.node('Transpose', [dy], `${at}/dyt`, [attrInts('perm', [1, 0, 2, 3])]);
        let dw = m.node('Conv', [xg, dyt], `${at}/dw`, [attrInts('kernel_shape', [ho, wo]), attrInts('strides', [d, d]),
          attrInts('pads', [t, l, b, r]), attrInts('dilations', [s, s]), attrInt('group', groups)]);
        // With a stride that does not divide the padded extent, the correlation runs past the kernel: crop it.
        const full = (size: number, o: number, before: number, after: number) => Math.floor((size + before + after - s * (o - 1) - 1) / d) + 1;
        if (full(h, ho, t, b) !== kh || full(w, wo, l, r) !== kw) {
          dw = m.node('Slice', [dw, m.ints([0, 0]), m.ints([kh, kw]), m.ints([2, 3])], `${at}/dwcrop`);
        }
        // [Cin/g, Cout, kh, kw] -> IR [kh, kw, Cin/g, Cout]; depthwise: [1, Cin*m, kh, kw] -> [kh, kw, Cin, m].
        const ir = m.node('Transpose', [dw], node.op === 'depthwise_conv2d' ? `${at}/dwir` : `grad/${name}`, [attrInts('perm', [2, 3, 0, 1])]);
        weightGrads.set(name, node.op === 'depthwise_conv2d' ? m.node('Reshape', [ir, m.ints([kh, kw, cin, cout / cin])], `grad/${name}`) : ir);
        break;
      }
      case 'dense': {
        const name = `${node.id}.weight`;
        if (wanted.has(name)) weightGrads.set(name, m.node('Gemm', [x, dy], `grad/${name}`, [attrInt('transA', 1)]));
        send(node.inputs[0], m.node('Gemm', [dy, `param/${name}`], `${at}/dx`, [attrInt('transB', 1)]));
        break;
      }
      case 'batchnorm': {
        const bn = fwd.bn.get(node.id)!;
        const ax = m.ints(channelAxes(node.shape.length === 3 ? 4 : 2).axes);
        const dxhat = bn.gamma ? m.node('Mul', [dy, bn.gamma], `${at}/dxhat`) : dy;
        const meanD = m.node('ReduceMean', [dxhat, ax], `${at}/meand`);
        const meanDX = m.node('ReduceMean', [m.node('Mul', [dxhat, bn.xhat], `${at}/dxx`), ax], `${at}/meandx`);
        const inner = m.node('Sub', [m.node('Sub', [dxhat, meanD], `${at}/c1`), m.node('Mul', [bn.xhat, meanDX], `${at}/c2`)], `${at}/c3`);
        send(node.inputs[0], m.node('Mul', [inner, bn.rstd], `${at}/dx`));
        // dL/dgamma = Σ over batch and positions of dy · xhat (ntk differentiates BN gammas as TE-NAS does).
        const gammaName = `${node.id}.gamma`;
        if (bn.gamma && wanted.has(gammaName)) {
          weightGrads.set(gammaName, m.node('ReduceSum', [m.node('Mul', [dy, bn.xhat], `${at}/dyxhat`), ax], `grad/${gammaName}`,
            [attrInt('keepdims', 0)]));
        }
        break;
      }
      case 'relu':
        if (fwd.masks.has(node.id)) { send(node.inputs[0], m.node('Mul', [dy, fwd.masks.get(node.id)!], `${at}/dx`)); break; }
        send(node.inputs[0], m.node('Where', [m.node('Greater', [x, m.scalar(0)], `${at}/mask`), dy, m.scalar(0)], `${at}/dx`));
        break;
      case 'relu6': {
        // Gradient 1 on (0, 6], as tfjs's Relu6 gradient (step(x) * (x <= 6)).
        const inside = m.node('And', [m.node('Greater', [x, m.scalar(0)], `${at}/pos`), m.node('LessOrEqual', [x, m.scalar(6)], `${at}/upto6`)], `${at}/mask`);
        send(node.inputs[0], m.node('Where', [inside, dy, m.scalar(0)], `${at}/dx`));
        break;
      }
      case 'scale_shift':
        send(node.inputs[0], m.node('Mul', [dy, m.scalar(node.scale)], `${at}/dx`));
        break;
      case 'leaky_relu':
        send(node.inputs[0], m.node('Where', [m.node('Greater', [x, m.scalar(0)], `${at}/mask`), dy,
          m.node('Mul', [dy, m.scalar(node.alpha)], `${at}/leak`)], `${at}/dx`));
        break;
      case 'avg_pool': {
        const [h, w, c] = inShape;
        const [ho, wo] = node.shape;
        const [t, b, l, r] = node.pad;
        const k = node.size, s = node.stride;
        const scaled = m.node('Mul', [dy, m.weight(`${at}/inv`, [1, 1, ho, wo], poolScale(h, w, ho, wo, node))], `${at}/scaled`);
        const ones = m.weight(`${at}/ones`, [c, 1, k, k], new Float32Array(c * k * k).fill(1));
        send(node.inputs[0], m.node('ConvTranspose', [scaled, ones], `${at}/dx`, [attrInts('kernel_shape', [k, k]),
          attrInts('strides', [s, s]), attrInts('pads', [t, l, b, r]), attrInt('group', c),
          attrInts('output_padding', [outputPadding(h, ho, k, s, t, b), outputPadding(w, wo, k, s, l, r)])]));
        break;
      }
      case 'global_avg_pool': {
        const [h, w, c] = inShape;
        const view = m.node('Reshape', [dy, m.ints([batch, c, 1, 1])], `${at}/view`);
        const spread = m.node('Expand', [m.node('Mul', [view, m.scalar(1 / (h * w))], `${at}/mean`), m.ints([batch, c, h, w])], `${at}/dx`);
        send(node.inputs[0], spread);
        break;
      }
      case 'flatten': {
        const spatial = inShape.length === 3 && inShape[0] * inShape[1] > 1;
        const dims = inShape.length === 3 ? [batch, inShape[2], inShape[0], inShape[1]] : [batch, ...inShape];
        send(node.inputs[0], spatial
          ? m.node('Transpose', [m.node('Reshape', [dy, m.ints([batch, ...inShape])], `${at}/nhwc`)], `${at}/dx`, [attrInts('perm', [0, 3, 1, 2])])
          : m.node('Reshape', [dy, m.ints(dims)], `${at}/dx`));
        break;
      }
      case 'add': case 'identity':
        for (const i of node.inputs) send(i, dy);
        break;
      case 'concat': {
        const sizes = node.inputs.map((i) => shapes.get(i)!.at(-1)!);
        const outs = node.inputs.map((_, j) => `${at}/part${j}`);
        m.nodes.push({ opType: 'Split', input: [dy, m.ints(sizes)], output: outs, name: `${at}/split`, attribute: [attrInt('axis', 1)] });
        node.inputs.forEach((i, j) => send(i, outs[j]));
        break;
      }
      case 'zero': break; // x * 0 passes no gradient back
      default: throw new Error(`${graph.name}: no onnxruntime backward rule for ${node.op} (${node.id})`);
    }
  }
  return { weightGrads, nodeGrads };
}

/** 1 / (number of in-bounds pixels) per output pixel (count_include_pad=false), or 1 / size² (true). */
function poolScale(h: number, w: number, ho: number, wo: number, node: Extract<GraphNode, { op: 'avg_pool' }>): Float32Array {
  const { size, stride, pad } = node;
  const out = new Float32Array(ho * wo);
  for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) {
    const rows = Math.min(h, i * stride - pad[0] + size) - Math.max(0, i * stride - pad[0]);
    const cols = Math.min(w, j * stride - pad[2] + size) - Math.max(0, j * stride - pad[2]);
    out[i * wo + j] = node.includePad ? 1 / (size * size) : 1 / (rows * cols);
  }
  return out;
}
