// Zen-score's forwards on onnxruntime: the train-mode BN forward of forward.ts over the whole graph (every BN
// updates its running statistics in the reference, dead branches included), answering the pre-GAP map and each BN
// node's batch mean and biased variance. The caller updates PyTorch's running statistics from them exactly as
// graph/execute.ts does on tfjs (momentum, unbiased variance, float32 arrays). Nothing of it lives in tfjs.
import type { Graph, ParamSpec } from '../../graph/ir.js';
import type { RunningStats } from '../../graph/execute.js';
import { IR_VERSION, ModelWriter, valueInfo } from '../../latency/onnx-export.js';
import { loadOrt, type OrtModule, type OrtSession, type OrtTensor } from '../../latency/ort-engine.js';
import { encodeModel } from '../../spaces/onnx/proto.js';
import { emitForward, nchwDims, paramInput, valueOf } from './forward.js';
import { GRAD_OPSET, IMAGES } from './build.js';
import { gradSessionOptions } from './session.js';

export interface ZenModel {
  bytes: Uint8Array;
  params: ParamSpec[];
  preGap: string;
  /** Per BN node: its batch mean and variance outputs and channel count. */
  bn: Array<{ id: string; momentum: number; mean: string; variance: string; channels: number; count: number }>;
}

export function buildZenModel(graph: Graph, batch: number): ZenModel {
  const m = new ModelWriter();
  const fwd = emitForward(m, graph, IMAGES);
  const preGap = valueOf(graph.preGap);
  const shape = graph.nodes.find((n) => n.id === graph.preGap)!.shape;
  const outputs = [valueInfo(preGap, nchwDims(shape, batch))];
  const bn: ZenModel['bn'] = [];
  for (const node of graph.nodes) {
    if (node.op !== 'batchnorm') continue;
    const stats = fwd.bn.get(node.id)!;
    const channels = node.shape.at(-1)!;
    const dims = node.shape.length === 3 ? [1, channels, 1, 1] : [1, channels];
    bn.push({ id: node.id, momentum: node.momentum, mean: stats.mean, variance: stats.variance, channels,
      count: batch * node.shape.slice(0, -1).reduce((a, b) => a * b, 1) });
    outputs.push(valueInfo(stats.mean, dims), valueInfo(stats.variance, dims));
  }
  const seen = new Set<string>();
  const params = fwd.used.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: 'zsnas-zen',
    opsetImport: [{ domain: '', version: GRAD_OPSET }],
    graph: { name: `${graph.name}#zen`, node: m.nodes, initializer: m.initializers,
      input: [valueInfo(IMAGES, [batch, ...graph.inputShape]), ...params.map((p) => valueInfo(paramInput(p.name), p.shape))], output: outputs },
  });
  return { bytes, params, preGap, bn };
}

export class ZenSession {
  private constructor(private readonly ort: OrtModule, private readonly session: OrtSession, readonly model: ZenModel,
    readonly graph: Graph, readonly batch: number) {}

  static async create(graph: Graph, batch: number, threads = 1): Promise<ZenSession> {
    const { ort } = await loadOrt();
    const model = buildZenModel(graph, batch);
    return new ZenSession(ort, await ort.InferenceSession.create(model.bytes, gradSessionOptions(threads)), model, graph, batch);
  }

  /** The pre-GAP map (NCHW) of one train-mode forward; updates `running` as PyTorch's BN does. */
  async forward(images: Float32Array, params: ReadonlyMap<string, Float32Array>, running: RunningStats): Promise<Float32Array> {
    const inputs: Record<string, OrtTensor> = { [IMAGES]: new this.ort.Tensor('float32', images, [this.batch, ...this.graph.inputShape]) };
    for (const p of this.model.params) inputs[paramInput(p.name)] = new this.ort.Tensor('float32', params.get(p.name)!, p.shape);
    const out = await this.session.run(inputs);
    for (const b of this.model.bn) {
      const mean = out[b.mean].data as Float32Array, v = out[b.variance].data as Float32Array;
      // graph/execute.ts updateRunning, step for step.
      const rm = running.mean.get(b.id) ?? new Float32Array(b.channels);
      const rv = running.variance.get(b.id) ?? new Float32Array(b.channels).fill(1);
      const unbias = b.count > 1 ? b.count / (b.count - 1) : 1;
      for (let k = 0; k < b.channels; k++) {
        rm[k] = (1 - b.momentum) * rm[k] + b.momentum * mean[k];
        rv[k] = (1 - b.momentum) * rv[k] + b.momentum * v[k] * unbias;
      }
      running.mean.set(b.id, rm);
      running.variance.set(b.id, rv);
    }
    const pre = Float32Array.from(out[this.model.preGap].data as Float32Array);
    for (const t of [...Object.values(inputs), ...Object.values(out)]) t.dispose?.();
    return pre;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
