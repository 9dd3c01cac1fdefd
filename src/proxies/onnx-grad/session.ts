// A gradient model (build.ts) loaded into onnxruntime-node, fed the images, labels and parameters as float32
// arrays, answering plain arrays: nothing of it lives in the tfjs engine, so it cannot leak tfjs tensors.
// One intra-op thread, no spinning: `--jobs` runs one worker per core, as for the tfjs backend.
import type { Graph } from '../../graph/ir.js';
import { loadOrt, timingSessionOptions, type OrtModule, type OrtSession, type OrtTensor } from '../../latency/ort-engine.js';
import { buildGradModel, IMAGES, LABELS, ROWS, tangentInput, type GradModel, type GradModelOptions } from './build.js';
import { maskInput, paramInput } from './forward.js';

export interface GradFeeds {
  /** NHWC images, batch × H × W × 3. */
  images: Float32Array;
  /** One-hot labels, batch × classes (cross-entropy models only). */
  labels?: Float32Array;
  /** Weights of the logits in the loss, batch × classes (row-logits models only). */
  rows?: Float32Array;
  /** Parameter values by name, in the IR layout (what the tfjs path holds). */
  params: ReadonlyMap<string, Float32Array>;
  /** Frozen ReLU patterns by node id, NHWC 0/1 (models built with frozenRelu). */
  masks?: ReadonlyMap<string, Float32Array>;
  /** The direction v per weight name, IR layout (hvp models; a weight left out is fed zeros). */
  tangents?: ReadonlyMap<string, Float32Array>;
}

export interface GradOutputs {
  loss: number;
  /** dL/dW by weight name, IR layout; live weights only. */
  grads: Map<string, Float32Array>;
  inputGrad?: Float32Array;
  /** Fisher statistic per conv/dense node id. */
  fisher: Map<string, Float32Array>;
  /** H·v by weight name, IR layout (hvp models); live weights only. */
  hvp: Map<string, Float32Array>;
}

export class GradSession {
  private constructor(private readonly ort: OrtModule, private readonly session: OrtSession,
    readonly model: GradModel, readonly graph: Graph, readonly opts: GradModelOptions) {}

  /** Builds the model and loads it; throws (with the reason) where the graph or the runtime is not supported. */
  static async create(graph: Graph, opts: GradModelOptions, threads = 1): Promise<GradSession> {
    const { ort } = await loadOrt();
    const model = buildGradModel(graph, opts);
    const session = await ort.InferenceSession.create(model.bytes, gradSessionOptions(threads));
    return new GradSession(ort, session, model, graph, opts);
  }

  async run(feeds: GradFeeds): Promise<GradOutputs> {
    const [h, w, c] = this.graph.inputShape;
    const n = this.opts.batch;
    if (feeds.images.length !== n * h * w * c) throw new Error(`${this.graph.name}: images hold ${feeds.images.length} values, the gradient model expects ${n}×${h}×${w}×${c}`);
    const inputs: Record<string, OrtTensor> = { [IMAGES]: new this.ort.Tensor('float32', f32(feeds.images), [n, h, w, c]) };
    if (this.opts.loss === 'cross-entropy') {
      if (!feeds.labels) throw new Error(`${this.graph.name}: the cross-entropy gradient model needs labels`);
      inputs[LABELS] = new this.ort.Tensor('float32', f32(feeds.labels), [n, this.graph.numClasses]);
    }
    if (this.opts.loss === 'row-logits') {
      if (!feeds.rows) throw new Error(`${this.graph.name}: the row-logits gradient model needs the rows selector`);
      inputs[ROWS] = new this.ort.Tensor('float32', f32(feeds.rows), [n, this.graph.numClasses]);
    }
    for (const p of this.model.params) {
      const v = feeds.params.get(p.name);
      if (!v) throw new Error(`${this.graph.name}: no value fed for parameter ${p.name}`);
      inputs[paramInput(p.name)] = new this.ort.Tensor('float32', f32(v), p.shape);
    }
    for (const [id, dims] of this.model.masks) {
      const v = feeds.masks?.get(id);
      if (!v) throw new Error(`${this.graph.name}: no frozen ReLU pattern fed for ${id}`);
      inputs[maskInput(id)] = new this.ort.Tensor('float32', f32(v), dims);
    }
    for (const p of this.model.tangents) {
      const v = feeds.tangents?.get(p.name) ?? new Float32Array(p.shape.reduce((a, b) => a * b, 1));
      inputs[tangentInput(p.name)] = new this.ort.Tensor('float32', f32(v), p.shape);
    }
    const out = await this.session.run(inputs);
    const read = (name: string) => out[name].data as Float32Array;
    const result: GradOutputs = {
      loss: read(this.model.loss)[0],
      grads: new Map([...this.model.grads].map(([wName, o]) => [wName, read(o)])),
      fisher: new Map([...this.model.fisher].map(([id, o]) => [id, read(o)])),
      hvp: new Map([...this.model.hvp].map(([wName, o]) => [wName, read(o)])),
      ...(this.model.inputGrad ? { inputGrad: read(this.model.inputGrad) } : {}),
    };
    for (const t of [...Object.values(inputs), ...Object.values(out)]) t.dispose?.();
    return result;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/**
 * The timing options, without onnxruntime's memory pattern. A gradient model's first run touches about 0.7 GB of
 * fresh pages (NB201 all-3x3, batch 64: 188k page faults, 6 s CPU against 2.2 s for a warm run); with the memory
 * pattern on, the second run allocates the planned block anew and pays it again. A session here serves two runs
 * (the loss pass of batch 0 and zico's batch 1; the Jacobian and epe_nas's nudged one) or a few more (grasp), so
 * the arena's reuse from the second run on is what counts (bench/onnx-grad-pass.ts --first-runs).
 */
export function gradSessionOptions(threads: number): Record<string, unknown> {
  return { ...timingSessionOptions({ threads }), enableMemPattern: false };
}

/** onnxruntime checks the constructor: an array from tfjs's cpu backend may be a plain array or a subclass view. */
function f32(v: ArrayLike<number>): Float32Array {
  return v.constructor === Float32Array ? (v as Float32Array) : Float32Array.from(v);
}
