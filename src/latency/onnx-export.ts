// The graph IR as an ONNX ModelProto, built in memory, so that a native inference engine can time the network
// (latency/ort-engine.ts). Same weights as the tfjs latency path (the seeded init of graph/init.ts), BN in
// inference form with the fresh running statistics (mean 0, variance 1), as latency/networks.ts runs it.
// The IR is NHWC; the export is NCHW, as PyTorch exports and as native CPU engines are tuned for. The one place
// where layout shows in values is a flatten of a map: NCHW flattens channel-major, so the dense layer that reads
// it gets its weight rows permuted (the same function, no transpose at run time).
// Encoded with the protobufjs schema of the ONNX importer (spaces/onnx/proto.ts): one schema, both directions.
import { initValues, type InitScheme } from '../graph/init.js';
import type { Graph, GraphNode, ParamSpec } from '../graph/ir.js';
import { encodeModel, type RawAttribute, type RawNode, type RawTensor, type RawValueInfo } from '../spaces/onnx/proto.js';

/** HardSwish needs opset 14; 17 is read by every onnxruntime since 1.11 and by zsnas's importer (11-21). */
export const EXPORT_OPSET = 17;
export const IR_VERSION = 8;
export const FLOAT = 1, INT64 = 7;
// AttributeProto.AttributeType
const A_FLOAT = 1, A_INT = 2, A_INTS = 7;

export interface ExportOptions {
  seed: number;
  /** The arch key that seeds the weights (initValues), as for the tfjs workload. */
  archKey: string;
  /** A fixed batch size (engines plan memory for static shapes), or undefined for a symbolic `N`. */
  batch?: number;
  init?: InitScheme;
}

export const INPUT_NAME = 'input';

export const attrInt = (name: string, i: number): RawAttribute => ({ name, i, type: A_INT });
export const attrFloat = (name: string, f: number): RawAttribute => ({ name, f, type: A_FLOAT });
export const attrInts = (name: string, ints: number[]): RawAttribute => ({ name, ints, type: A_INTS });

export function floatTensor(name: string, dims: number[], values: Float32Array): RawTensor {
  // rawData is little-endian by the ONNX spec; Float32Array is in host order, little-endian on every platform
  // onnxruntime-node ships binaries for (x64, arm64).
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
}

function int64Tensor(name: string, values: number[]): RawTensor {
  return { name, dims: [values.length], dataType: INT64, int64Data: values };
}

/** NHWC per-sample shape -> NCHW dims with the batch. */
function nchw(shape: number[], batch: number | string): Array<number | string> {
  return shape.length === 3 ? [batch, shape[2], shape[0], shape[1]] : [batch, ...shape];
}

export function valueInfo(name: string, dims: Array<number | string>): RawValueInfo {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/** [kh, kw, cin/g, cout] (IR) -> [cout, cin/g, kh, kw] (ONNX); depthwise [kh, kw, cin, m] -> [cin*m, 1, kh, kw]. */
function convWeight(v: Float32Array, shape: number[], depthwise: boolean): { dims: number[]; data: Float32Array } {
  const [kh, kw, a, b] = shape;
  const out = new Float32Array(v.length);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let p = 0; p < a; p++) for (let q = 0; q < b; q++) {
    const src = ((i * kw + j) * a + p) * b + q;
    // dense: out channel q, in channel p; depthwise: out channel p * m + q, one input channel each.
    const dst = depthwise ? ((p * b + q) * kh + i) * kw + j : ((q * a + p) * kh + i) * kw + j;
    out[dst] = v[src];
  }
  return depthwise ? { dims: [a * b, 1, kh, kw], data: out } : { dims: [b, a, kh, kw], data: out };
}

/** Dense weight rows in HWC order (the IR's flatten) reordered to CHW (ONNX Flatten of an NCHW map). */
function chwRows(v: Float32Array, units: number, [h, w, c]: number[]): Float32Array {
  const out = new Float32Array(v.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) {
    const src = ((y * w + x) * c + k) * units, dst = ((k * h + y) * w + x) * units;
    out.set(v.subarray(src, src + units), dst);
  }
  return out;
}

export class ModelWriter {
  readonly nodes: RawNode[] = [];
  readonly initializers: RawTensor[] = [];
  private readonly constants = new Map<string, string>();
  private counter = 0;

  node(opType: string, inputs: string[], output: string, attribute: RawAttribute[] = []): string {
    this.nodes.push({ opType, input: inputs, output: [output], name: `${output}#${this.counter++}`, attribute });
    return output;
  }

  /** A scalar float constant (shared by value). */
  scalar(v: number): string {
    const key = `f${v}`;
    let name = this.constants.get(key);
    if (!name) {
      name = `const/${key}`;
      this.initializers.push(floatTensor(name, [], new Float32Array([v])));
      this.constants.set(key, name);
    }
    return name;
  }

  ints(values: number[]): string {
    const key = `i${values.join(',')}`;
    let name = this.constants.get(key);
    if (!name) {
      name = `const/${key}`;
      this.initializers.push(int64Tensor(name, values));
      this.constants.set(key, name);
    }
    return name;
  }

  weight(name: string, dims: number[], data: Float32Array): string {
    this.initializers.push(floatTensor(name, dims, data));
    return name;
  }
}

/** The ONNX ModelProto bytes of a graph at its seeded initial weights (see the header for layout and BN). */
type Pool = Extract<GraphNode, { op: 'avg_pool' | 'max_pool' }>;

/** A pooling window (PyTorch's [top, bottom, left, right] padding as ONNX's [top, left, bottom, right]); shared with
 * the gradient models' forward (proxies/onnx-grad). */
export function poolNode(m: ModelWriter, node: Pool, x: string, out: string): void {
  const [t, bt, l, r] = node.pad;
  const attrs = [attrInts('kernel_shape', [node.size, node.size]), attrInts('strides', [node.stride, node.stride]),
    attrInts('pads', [t, l, bt, r])];
  if (node.op === 'avg_pool') attrs.push(attrInt('count_include_pad', node.includePad ? 1 : 0));
  m.node(node.op === 'avg_pool' ? 'AveragePool' : 'MaxPool', [x], out, attrs);
}

/** Global average pooling to [N, C, 1, 1] (keepDims) or [N, C]. */
export function globalAvgPoolNode(m: ModelWriter, node: Extract<GraphNode, { op: 'global_avg_pool' }>, x: string, out: string): void {
  if (node.keepDims) m.node('GlobalAveragePool', [x], out);
  else m.node('Flatten', [m.node('GlobalAveragePool', [x], `${out}/pool`)], out, [attrInt('axis', 1)]);
}

export function exportOnnx(graph: Graph, opts: ExportOptions): Uint8Array {
  const scheme = opts.init ?? 'pytorch';
  const batch: number | string = opts.batch ?? 'N';
  const params = new Map<string, ParamSpec>(graph.params.map((p) => [p.name, p]));
  const value = (p: ParamSpec) => initValues(p, opts.seed, opts.archKey, scheme);
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  const readers = new Map<string, GraphNode[]>();
  for (const n of graph.nodes) for (const i of n.inputs) readers.set(i, [...(readers.get(i) ?? []), n]);
  const m = new ModelWriter();
  const name = (id: string) => (graph.nodes.find((n) => n.id === id)?.op === 'input' ? INPUT_NAME : id);
  /** Flatten outputs whose features are in CHW order, with the map shape they came from. */
  const chwFlat = new Map<string, number[]>();

  for (const node of graph.nodes) {
    if (node.op === 'input') continue;
    const ins = node.inputs.map(name);
    const x = ins[0];
    const out = node.id;
    const p = (role: string) => {
      const spec = params.get(`${node.id}.${role}`);
      if (!spec) throw new Error(`${graph.name}: missing parameter ${node.id}.${role}`);
      return spec;
    };
    switch (node.op) {
      case 'conv2d':
      case 'depthwise_conv2d': {
        const depthwise = node.op === 'depthwise_conv2d';
        const ws = p('weight');
        const cw = convWeight(value(ws), ws.shape, depthwise);
        const inputs = [x, m.weight(ws.name, cw.dims, cw.data)];
        if (node.bias) { const b = p('bias'); inputs.push(m.weight(b.name, b.shape, value(b))); }
        const groups = depthwise ? shapes.get(node.inputs[0])![2] : node.groups ?? 1;
        const [t, bt, l, r] = node.pad;
        const d = node.dilation ?? 1;
        m.node('Conv', inputs, out, [attrInts('kernel_shape', node.kernel), attrInts('strides', [node.stride, node.stride]),
          attrInts('pads', [t, l, bt, r]), attrInts('dilations', [d, d]), attrInt('group', groups)]);
        break;
      }
      case 'dense': {
        const ws = p('weight');
        let wv = value(ws);
        const from = chwFlat.get(node.inputs[0]);
        if (from) wv = chwRows(wv, node.units, from);
        const inputs = [x, m.weight(ws.name, ws.shape, wv)];
        if (node.bias) { const b = p('bias'); inputs.push(m.weight(b.name, b.shape, value(b))); }
        m.node('Gemm', inputs, out);
        break;
      }
      case 'batchnorm': {
        const c = node.shape[node.shape.length - 1];
        const gamma = node.affine ? value(p('gamma')) : new Float32Array(c).fill(1);
        const beta = node.affine ? value(p('beta')) : new Float32Array(c);
        m.node('BatchNormalization', [x, m.weight(`${node.id}.gamma`, [c], gamma), m.weight(`${node.id}.beta`, [c], beta),
          m.weight(`${node.id}.running_mean`, [c], new Float32Array(c)), m.weight(`${node.id}.running_var`, [c], new Float32Array(c).fill(1))],
        out, [attrFloat('epsilon', node.eps), attrFloat('momentum', 1 - node.momentum)]);
        break;
      }
      case 'relu': m.node('Relu', [x], out); break;
      case 'relu6': m.node('Clip', [x, m.scalar(0), m.scalar(6)], out); break;
      case 'leaky_relu': m.node('LeakyRelu', [x], out, [attrFloat('alpha', node.alpha)]); break;
      case 'sigmoid': m.node('Sigmoid', [x], out); break;
      case 'hard_sigmoid': m.node('HardSigmoid', [x], out, [attrFloat('alpha', node.alpha), attrFloat('beta', node.beta)]); break;
      case 'hard_swish': m.node('HardSwish', [x], out); break;
      case 'silu': m.node('Mul', [x, m.node('Sigmoid', [x], `${out}/sigmoid`)], out); break;
      case 'scale_shift': {
        if (node.scale === 1 && node.shift === 0) { m.node('Identity', [x], out); break; }
        const scaled = node.scale === 1 ? x : m.node('Mul', [x, m.scalar(node.scale)], node.shift === 0 ? out : `${out}/scale`);
        if (node.shift !== 0) m.node('Add', [scaled, m.scalar(node.shift)], out);
        break;
      }
      case 'mul': {
        const [a, b] = node.inputs.map((i) => shapes.get(i)!);
        // The IR broadcasts a [C] second operand over a map's channels (last axis); NCHW needs it as [N, C, 1, 1].
        const y = a.length === 3 && b.length === 1 ? m.node('Unsqueeze', [ins[1], m.ints([2, 3])], `${out}/map`) : ins[1];
        m.node('Mul', [x, y], out);
        break;
      }
      case 'channel_shuffle': {
        const [h, w, c] = node.shape;
        const view = m.node('Reshape', [x, m.ints([0, node.groups, c / node.groups, h, w])], `${out}/view`);
        const swapped = m.node('Transpose', [view], `${out}/swap`, [attrInts('perm', [0, 2, 1, 3, 4])]);
        m.node('Reshape', [swapped, m.ints([0, c, h, w])], out);
        break;
      }
      case 'to_map': m.node('Unsqueeze', [x, m.ints([2, 3])], out); break;
      case 'slice_channels':
        m.node('Slice', [x, m.ints([node.start]), m.ints([node.end]), m.ints([1])], out);
        break;
      case 'avg_pool':
      case 'max_pool': poolNode(m, node, x, out); break;
      case 'global_avg_pool': globalAvgPoolNode(m, node, x, out); break;
      case 'flatten': {
        const s = shapes.get(node.inputs[0])!;
        const spatial = s.length === 3 && s[0] * s[1] > 1;
        const onlyDense = (readers.get(node.id) ?? []).every((r) => r.op === 'dense') && node.id !== graph.output;
        if (spatial && onlyDense) chwFlat.set(node.id, s);
        // Read by anything but a dense layer, the features must come out in the IR's HWC order.
        const src = spatial && !onlyDense ? m.node('Transpose', [x], `${out}/nhwc`, [attrInts('perm', [0, 2, 3, 1])]) : x;
        m.node('Flatten', [src], out, [attrInt('axis', 1)]);
        break;
      }
      case 'add':
        if (ins.length === 1) m.node('Identity', [x], out);
        else ins.slice(1).reduce((acc, b, k) => m.node('Add', [acc, b], k === ins.length - 2 ? out : `${out}/sum${k}`), x);
        break;
      case 'concat': m.node('Concat', ins, out, [attrInt('axis', 1)]); break;
      case 'zero': m.node('Mul', [x, m.scalar(0)], out); break;
      case 'identity': m.node('Identity', [x], out); break;
    }
  }
  const outShape = shapes.get(graph.output)!;
  const outName = name(graph.output);
  return encodeModel({
    irVersion: IR_VERSION,
    producerName: 'zsnas',
    opsetImport: [{ domain: '', version: EXPORT_OPSET }],
    graph: {
      name: graph.name,
      node: m.nodes,
      initializer: m.initializers,
      input: [valueInfo(INPUT_NAME, nchw(graph.inputShape, batch))],
      output: [valueInfo(outName, nchw(outShape, batch))],
    },
  });
}
