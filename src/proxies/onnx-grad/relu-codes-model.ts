// NASWOT's kernel on onnxruntime: the train-mode BN forward of forward.ts over the WHOLE graph (the references hook
// every ReLU module, dead branches included), and for each distinct ReLU input z the Gram matrix of its binary
// code c = [z > 0] (c c^T, [n, n]) and the code's ones per sample (Σ c, [n]). The caller adds them up as
// passes/relu-codes.ts does on tfjs: 0/1 products summed in float32 are exact below 2^24 terms, so both engines give
// the same integers. Nothing of it lives in the tfjs engine.
import type { Graph, ParamSpec } from '../../graph/ir.js';
import { attrInt, IR_VERSION, ModelWriter, valueInfo } from '../../latency/onnx-export.js';
import { loadOrt, type OrtModule, type OrtSession, type OrtTensor } from '../../latency/ort-engine.js';
import { encodeModel } from '../../spaces/onnx/proto.js';
import { emitForward, paramInput, valueOf } from './forward.js';
import { GRAD_OPSET, IMAGES } from './build.js';
import { gradSessionOptions } from './session.js';

/** Ops whose input's sign is a NASWOT code (graph/execute.ts calls onReluInput for these among the ops here). */
const CODE_OPS = new Set(['relu', 'relu6', 'leaky_relu']);
/** Longest code per ReLU input summed exactly in float32 by one product (relu-codes.ts splits longer ones). */
export const MAX_EXACT_UNITS = 1 << 23;

export interface ReluCodeModel {
  bytes: Uint8Array;
  params: ParamSpec[];
  /** Per distinct ReLU input: the Gram and ones outputs, its units per sample and how many ReLUs read it. */
  codes: Array<{ input: string; gram: string; ones: string; units: number; readers: number }>;
}

/** Why the kernel cannot come from this model (a code too long for exact float32 sums), or undefined. */
export function reluCodeDecline(graph: Graph): string | undefined {
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  for (const node of graph.nodes) {
    if (!CODE_OPS.has(node.op)) continue;
    const units = shapes.get(node.inputs[0])!.reduce((a, b) => a * b, 1);
    if (units > MAX_EXACT_UNITS) return `ReLU input ${node.inputs[0]} has ${units} units per sample, over one exact float32 Gram product`;
  }
  return undefined;
}

export function buildReluCodeModel(graph: Graph, batch: number): ReluCodeModel {
  const m = new ModelWriter();
  const fwd = emitForward(m, graph, IMAGES);
  const readers = new Map<string, number>();
  for (const node of graph.nodes) if (CODE_OPS.has(node.op)) readers.set(node.inputs[0], (readers.get(node.inputs[0]) ?? 0) + 1);
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  const codes: ReluCodeModel['codes'] = [];
  const outputs = [];
  for (const [input, count] of readers) {
    const units = shapes.get(input)!.reduce((a, b) => a * b, 1);
    const at = `codes/${input}`;
    // Unit order (NCHW here, NHWC on tfjs) does not matter: K sums over units.
    const positive = m.node('Greater', [valueOf(input), m.scalar(0)], `${at}/positive`);
    const c4 = m.node('Cast', [positive], `${at}/c4`, [attrInt('to', 1)]);
    const c = m.node('Reshape', [c4, m.ints([batch, units])], `${at}/c`);
    const gram = m.node('Gemm', [c, c], `${at}/gram`, [attrInt('transB', 1)]);
    const ones = m.node('ReduceSum', [c, m.ints([1])], `${at}/ones`, [attrInt('keepdims', 0)]);
    codes.push({ input, gram, ones, units, readers: count });
    outputs.push(valueInfo(gram, [batch, batch]), valueInfo(ones, [batch]));
  }
  const seen = new Set<string>();
  const params = fwd.used.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: 'zsnas-relu-codes',
    opsetImport: [{ domain: '', version: GRAD_OPSET }],
    graph: { name: `${graph.name}#relu-codes`, node: m.nodes, initializer: m.initializers,
      input: [valueInfo(IMAGES, [batch, ...graph.inputShape]), ...params.map((p) => valueInfo(paramInput(p.name), p.shape))], output: outputs },
  });
  return { bytes, params, codes };
}

export interface ReluCodeSums {
  /** n x n, float64, row-major: Σ over ReLU invocations of (units - s_i - s_j + 2 (c c^T)_ij). */
  kernel: Float64Array;
  codeLength: number;
  relus: number;
}

export class ReluCodeSession {
  private constructor(private readonly ort: OrtModule, private readonly session: OrtSession, readonly model: ReluCodeModel,
    readonly graph: Graph, readonly batch: number) {}

  static async create(graph: Graph, batch: number, threads = 1): Promise<ReluCodeSession> {
    const { ort } = await loadOrt();
    const model = buildReluCodeModel(graph, batch);
    return new ReluCodeSession(ort, await ort.InferenceSession.create(model.bytes, gradSessionOptions(threads)), model, graph, batch);
  }

  async run(images: Float32Array, params: ReadonlyMap<string, Float32Array>): Promise<ReluCodeSums> {
    const n = this.batch;
    const inputs: Record<string, OrtTensor> = { [IMAGES]: new this.ort.Tensor('float32', images, [n, ...this.graph.inputShape]) };
    for (const p of this.model.params) inputs[paramInput(p.name)] = new this.ort.Tensor('float32', params.get(p.name)!, p.shape);
    const out = await this.session.run(inputs);
    const kernel = new Float64Array(n * n);
    let codeLength = 0, relus = 0;
    for (const c of this.model.codes) {
      const g = out[c.gram].data as Float32Array, s = out[c.ones].data as Float32Array;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) kernel[i * n + j] += c.readers * (c.units - s[i] - s[j] + 2 * g[i * n + j]);
      }
      codeLength += c.readers * c.units;
      relus += c.readers;
    }
    for (const t of [...Object.values(inputs), ...Object.values(out)]) t.dispose?.();
    return { kernel, codeLength, relus };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
