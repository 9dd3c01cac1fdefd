// Forward-only models of the proxies that need no gradient (naswot's ReLU codes, zen's pre-GAP maps): the
// train-mode BN forward of forward.ts over a graph, with extra outputs, images and parameters as graph inputs.
// A session answers plain arrays, so nothing of it lives in the tfjs engine.
import type { Graph, ParamSpec } from '../../graph/ir.js';
import { IR_VERSION, ModelWriter, valueInfo } from '../../latency/onnx-export.js';
import { loadOrt, type OrtModule, type OrtSession, type OrtTensor } from '../../latency/ort-engine.js';
import { encodeModel } from '../../spaces/onnx/proto.js';
import { emitForward, paramInput, type ForwardInfo } from './forward.js';
import { GRAD_OPSET, IMAGES } from './build.js';
import { gradSessionOptions } from './session.js';

export interface ForwardModel {
  bytes: Uint8Array;
  /** Graph inputs besides the images, in the IR layout. */
  params: ParamSpec[];
}

/**
 * Emits the forward of the whole `graph` (dead branches too: the references run every module) and lets `outputs`
 * name the values that come out, with their dims; returns the encoded model.
 */
export function buildForwardModel(graph: Graph, batch: number, kind: string,
  outputs: (m: ModelWriter, fwd: ForwardInfo) => Array<{ name: string; dims: number[] }>): ForwardModel {
  const m = new ModelWriter();
  const fwd = emitForward(m, graph, IMAGES);
  const outs = outputs(m, fwd);
  const seen = new Set<string>();
  const params = fwd.used.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: `zsnas-${kind}`,
    opsetImport: [{ domain: '', version: GRAD_OPSET }],
    graph: { name: `${graph.name}#${kind}`, node: m.nodes, initializer: m.initializers,
      input: [valueInfo(IMAGES, [batch, ...graph.inputShape]), ...params.map((p) => valueInfo(paramInput(p.name), p.shape))],
      output: outs.map((o) => valueInfo(o.name, o.dims)) },
  });
  return { bytes, params };
}

/** A forward model loaded into onnxruntime-node (one intra-op thread, as the gradient sessions). */
export class ForwardSession {
  private constructor(private readonly ort: OrtModule, private readonly session: OrtSession,
    readonly graph: Graph, readonly batch: number, readonly params: ParamSpec[]) {}

  static async create(graph: Graph, batch: number, model: ForwardModel, threads = 1): Promise<ForwardSession> {
    const { ort } = await loadOrt();
    return new ForwardSession(ort, await ort.InferenceSession.create(model.bytes, gradSessionOptions(threads)), graph, batch, model.params);
  }

  /** Every output as a float32 array of its own (the runtime's buffers are released before this returns). */
  async run(images: Float32Array, params: ReadonlyMap<string, Float32Array>): Promise<Map<string, Float32Array>> {
    const inputs: Record<string, OrtTensor> = { [IMAGES]: new this.ort.Tensor('float32', images, [this.batch, ...this.graph.inputShape]) };
    for (const p of this.params) {
      const v = params.get(p.name);
      if (!v) throw new Error(`${this.graph.name}: no value fed for parameter ${p.name}`);
      inputs[paramInput(p.name)] = new this.ort.Tensor('float32', v, p.shape);
    }
    const out = await this.session.run(inputs);
    const result = new Map(Object.entries(out).map(([name, t]) => [name, Float32Array.from(t.data as Float32Array)]));
    for (const t of [...Object.values(inputs), ...Object.values(out)]) t.dispose?.();
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
