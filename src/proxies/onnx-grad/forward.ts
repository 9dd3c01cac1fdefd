// The forward half of a gradient model: the graph IR as ONNX nodes in NCHW, BN in train mode (batch statistics,
// as graph/execute.ts computes it for every gradient pass), weights read from graph inputs in the IR's own layout
// and transposed inside the model, so that the caller feeds the same arrays the tfjs path holds.
// Each op records what its backward rule needs (backward.ts). An op without a backward rule is declined here,
// before anything is built, so the caller can fall back to tfjs with the reason.
import type { Graph, GraphNode, ParamSpec } from '../../graph/ir.js';
import { attrFloat, attrInt, attrInts, globalAvgPoolNode, poolNode, type ModelWriter } from '../../latency/onnx-export.js';

/** Ops with both a forward and a backward rule here (NB201, NATS-SSS, the macro space, Keras CNNs). */
export const GRAD_OPS: ReadonlySet<GraphNode['op']> = new Set<GraphNode['op']>([
  'input', 'conv2d', 'depthwise_conv2d', 'dense', 'batchnorm', 'relu', 'relu6', 'leaky_relu', 'scale_shift', 'avg_pool', 'global_avg_pool', 'flatten',
  'add', 'concat', 'zero', 'identity',
]);

/** Why this graph cannot be differentiated here, or undefined when every op has a rule. */
export function unsupportedReason(graph: Graph): string | undefined {
  const ops = [...new Set(graph.nodes.filter((n) => !GRAD_OPS.has(n.op)).map((n) => n.op))];
  return ops.length ? `no onnxruntime backward rule for ${ops.join(', ')}` : undefined;
}

/** Graph-input name of a parameter (fed in the IR layout). */
export const paramInput = (name: string) => `param/${name}`;
/** Graph-input name of a frozen ReLU pattern (0/1, the node's shape in the IR's NHWC layout). */
export const maskInput = (id: string) => `mask/${id}`;
/** Value name of a node's output inside the model (NCHW). */
export const valueOf = (id: string) => `v/${id}`;

export interface ForwardInfo {
  /** ONNX-layout conv weights ([cout, cin/g, kh, kw]) by node id. */
  convWeight: Map<string, string>;
  /** BN: normalised input and 1/sqrt(var + eps) ([1, C, 1, 1] or [1, C]) and gamma as broadcastable, and the batch
   * mean and (biased) variance ([1, C, 1, 1] or [1, C]), by node id. */
  bn: Map<string, { xhat: string; rstd: string; gamma?: string; mean: string; variance: string }>;
  /** Parameters the model reads (its graph inputs besides the images). */
  used: ParamSpec[];
  /** Frozen ReLU patterns (NCHW values inside the model) by node id, when the model freezes them. */
  masks: Map<string, string>;
}

/** NHWC per-sample shape -> NCHW dims with the batch. */
export function nchwDims(shape: number[], batch: number): number[] {
  return shape.length === 3 ? [batch, shape[2], shape[0], shape[1]] : [batch, ...shape];
}

/** Reduction axes of BN and the broadcast shape of a per-channel vector, for a map or a vector. */
export function channelAxes(rank: number): { axes: number[]; view: number[] } {
  return rank === 4 ? { axes: [0, 2, 3], view: [1, -1, 1, 1] } : { axes: [0], view: [1, -1] };
}

/**
 * Emits the forward of `graph` (already without dead nodes) reading `images` (NHWC graph input). Returns the
 * bookkeeping the backward needs; node outputs are named valueOf(id).
 */
export function emitForward(m: ModelWriter, graph: Graph, images: string, frozenRelu = false): ForwardInfo {
  const params = new Map(graph.params.map((p) => [p.name, p]));
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  const info: ForwardInfo = { convWeight: new Map(), bn: new Map(), used: [], masks: new Map() };
  const param = (node: GraphNode, role: string): string => {
    const spec = params.get(`${node.id}.${role}`);
    if (!spec) throw new Error(`${graph.name}: missing parameter ${node.id}.${role}`);
    info.used.push(spec);
    return paramInput(spec.name);
  };
  for (const node of graph.nodes) {
    const out = valueOf(node.id);
    const x = node.inputs.length ? valueOf(node.inputs[0]) : '';
    const inShape = node.inputs.length ? shapes.get(node.inputs[0])! : [];
    switch (node.op) {
      case 'input': m.node('Transpose', [images], out, [attrInts('perm', [0, 3, 1, 2])]); break;
      case 'conv2d':
      case 'depthwise_conv2d': {
        const depthwise = node.op === 'depthwise_conv2d';
        const w = param(node, 'weight');
        const [kh, kw] = node.kernel;
        // IR [kh, kw, cin/g, cout] -> [cout, cin/g, kh, kw]; depthwise [kh, kw, cin, m] -> [cin * m, 1, kh, kw].
        const wn = depthwise
          ? m.node('Reshape', [m.node('Transpose', [w], `${out}/w4`, [attrInts('perm', [2, 3, 0, 1])]), m.ints([-1, 1, kh, kw])], `${out}/w`)
          : m.node('Transpose', [w], `${out}/w`, [attrInts('perm', [3, 2, 0, 1])]);
        info.convWeight.set(node.id, wn);
        const inputs = [x, wn];
        if (node.bias) inputs.push(param(node, 'bias'));
        const [t, b, l, r] = node.pad;
        const d = node.dilation ?? 1;
        m.node('Conv', inputs, out, [attrInts('kernel_shape', node.kernel), attrInts('strides', [node.stride, node.stride]),
          attrInts('pads', [t, l, b, r]), attrInts('dilations', [d, d]), attrInt('group', depthwise ? inShape[2] : node.groups ?? 1)]);
        break;
      }
      case 'dense': {
        const inputs = [x, param(node, 'weight')];
        if (node.bias) inputs.push(param(node, 'bias'));
        m.node('Gemm', inputs, out);
        break;
      }
      case 'batchnorm': {
        const { axes, view } = channelAxes(node.shape.length === 3 ? 4 : 2);
        const ax = m.ints(axes);
        const mean = m.node('ReduceMean', [x, ax], `${out}/mean`);
        const centred = m.node('Sub', [x, mean], `${out}/centred`);
        const variance = m.node('ReduceMean', [m.node('Mul', [centred, centred], `${out}/sq`), ax], `${out}/var`);
        const rstd = m.node('Reciprocal', [m.node('Sqrt', [m.node('Add', [variance, m.scalar(node.eps)], `${out}/vareps`)], `${out}/std`)], `${out}/rstd`);
        const xhat = m.node('Mul', [centred, rstd], node.affine ? `${out}/xhat` : out);
        let gamma: string | undefined;
        if (node.affine) {
          gamma = m.node('Reshape', [param(node, 'gamma'), m.ints(view)], `${out}/gamma`);
          const beta = m.node('Reshape', [param(node, 'beta'), m.ints(view)], `${out}/beta`);
          m.node('Add', [m.node('Mul', [xhat, gamma], `${out}/scaled`), beta], out);
        }
        info.bn.set(node.id, { xhat, rstd, ...(gamma ? { gamma } : {}), mean, variance });
        break;
      }
      case 'relu':
        if (!frozenRelu) { m.node('Relu', [x], out); break; }
        {
          // GraSP's finite differences: x * mask with θ's pattern, so the shifted passes cross no kink (grasp.ts).
          const mask = node.shape.length === 3 ? m.node('Transpose', [maskInput(node.id)], `${out}/mask`, [attrInts('perm', [0, 3, 1, 2])]) : maskInput(node.id);
          info.masks.set(node.id, mask);
          m.node('Mul', [x, mask], out);
        }
        break;
      case 'relu6': m.node('Clip', [x, m.scalar(0), m.scalar(6)], out); break;
      case 'leaky_relu': m.node('LeakyRelu', [x], out, [attrFloat('alpha', node.alpha)]); break;
      case 'scale_shift':
        m.node('Add', [m.node('Mul', [x, m.scalar(node.scale)], `${out}/scaled`), m.scalar(node.shift)], out);
        break;
      case 'avg_pool': poolNode(m, node, x, out); break;
      case 'global_avg_pool': globalAvgPoolNode(m, node, x, out); break;
      case 'flatten': {
        // The IR flattens NHWC (features in H, W, C order): transpose back before flattening a spatial map.
        const spatial = inShape.length === 3 && inShape[0] * inShape[1] > 1;
        const src = spatial ? m.node('Transpose', [x], `${out}/nhwc`, [attrInts('perm', [0, 2, 3, 1])]) : x;
        m.node('Flatten', [src], out, [attrInt('axis', 1)]);
        break;
      }
      case 'add': m.node(node.inputs.length === 1 ? 'Identity' : 'Sum', node.inputs.map(valueOf), out); break;
      case 'concat': m.node('Concat', node.inputs.map(valueOf), out, [attrInt('axis', 1)]); break;
      case 'zero': m.node('Mul', [x, m.scalar(0)], out); break;
      case 'identity': m.node('Identity', [x], out); break;
      default: throw new Error(`${graph.name}: no onnxruntime gradient rule for ${node.op} (${node.id})`);
    }
  }
  return info;
}
