// NASWOT's kernel on onnxruntime: the train-mode BN forward over the WHOLE graph (the references hook every ReLU
// module, dead branches included), and for each distinct ReLU input z the Gram matrix of its binary code
// c = [z > 0] (c c^T, [n, n]) and the code's ones per sample (Σ c, [n]). They are added up as passes/relu-codes.ts
// does on tfjs: 0/1 products summed in float32 are exact below 2^24 terms, so both engines give the same integers.
import type { Graph } from '../../graph/ir.js';
import { attrInt } from '../../latency/onnx-export.js';
import { valueOf } from './forward.js';
import { buildForwardModel, ForwardSession } from './forward-model.js';

/** Ops whose input's sign is a NASWOT code (graph/execute.ts calls onReluInput for these among the ops here). */
const CODE_OPS = new Set(['relu', 'relu6', 'leaky_relu']);
/** Longest code per ReLU input summed exactly in float32 by one product (relu-codes.ts splits longer ones). */
export const MAX_EXACT_UNITS = 1 << 23;

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

export interface ReluCodeSums {
  /** n x n, float64, row-major: Σ over ReLU invocations of (units - s_i - s_j + 2 (c c^T)_ij). */
  kernel: Float64Array;
  codeLength: number;
  relus: number;
}

interface CodeOutputs { gram: string; ones: string; units: number; readers: number }

export class ReluCodeSession {
  private constructor(private readonly session: ForwardSession, private readonly codes: CodeOutputs[]) {}

  static async create(graph: Graph, batch: number): Promise<ReluCodeSession> {
    const readers = new Map<string, number>();
    for (const node of graph.nodes) if (CODE_OPS.has(node.op)) readers.set(node.inputs[0], (readers.get(node.inputs[0]) ?? 0) + 1);
    const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
    const codes: CodeOutputs[] = [];
    const model = buildForwardModel(graph, batch, 'relu-codes', (m) => [...readers].flatMap(([input, count]) => {
      const units = shapes.get(input)!.reduce((a, b) => a * b, 1);
      const at = `codes/${input}`;
      // Unit order (NCHW here, NHWC on tfjs) does not matter: K sums over units.
      const positive = m.node('Greater', [valueOf(input), m.scalar(0)], `${at}/positive`);
      const c4 = m.node('Cast', [positive], `${at}/c4`, [attrInt('to', 1)]);
      const c = m.node('Reshape', [c4, m.ints([batch, units])], `${at}/c`);
      const gram = m.node('Gemm', [c, c], `${at}/gram`, [attrInt('transB', 1)]);
      const ones = m.node('ReduceSum', [c, m.ints([1])], `${at}/ones`, [attrInt('keepdims', 0)]);
      codes.push({ gram, ones, units, readers: count });
      return [{ name: gram, dims: [batch, batch] }, { name: ones, dims: [batch] }];
    }));
    return new ReluCodeSession(await ForwardSession.create(graph, batch, model), codes);
  }

  async run(images: Float32Array, params: ReadonlyMap<string, Float32Array>): Promise<ReluCodeSums> {
    const n = this.session.batch;
    const out = await this.session.run(images, params);
    const kernel = new Float64Array(n * n);
    let codeLength = 0, relus = 0;
    for (const c of this.codes) {
      const g = out.get(c.gram)!, s = out.get(c.ones)!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) kernel[i * n + j] += c.readers * (c.units - s[i] - s[j] + 2 * g[i * n + j]);
      }
      codeLength += c.readers * c.units;
      relus += c.readers;
    }
    return { kernel, codeLength, relus };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
