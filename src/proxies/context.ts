// The per-arch ProxyContext: seeded params per init scheme, cached calibration tensors, shared passes.
// `init` is the spec's network init: a request for the network's default ('pytorch', what every proxy asks for
// unless it has its own init) gets it, so one spec field switches the init of all those proxies.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph/ir.js';
import { disposeParams, initParams, type InitScheme } from '../graph/init.js';
import type { ParamMap } from '../graph/execute.js';
import type { CalibrationBatch, ProxyContext } from './types.js';
import type { ProxyEngineChoice } from '../spec/types.js';

export class ArchContext implements ProxyContext {
  private readonly paramSets = new Map<InitScheme, ParamMap>();
  private readonly tensors = new Map<string, tf.Tensor>();
  private readonly sharedValues = new Map<string, unknown>();
  private readonly owned: tf.Tensor[] = [];
  private readonly releases: Array<() => unknown> = [];
  private notes: Array<{ engine: 'onnxruntime' | 'tfjs'; reason?: string; method?: string }> = [];

  constructor(
    readonly graph: Graph,
    readonly archKey: string,
    readonly seed: number,
    readonly batches: readonly CalibrationBatch[],
    readonly init: InitScheme = 'pytorch',
    readonly gradEngine: ProxyEngineChoice = 'auto',
  ) {}

  onDispose(release: () => unknown): void {
    this.releases.push(release);
  }

  noteEngine(note: { engine: 'onnxruntime' | 'tfjs'; reason?: string; method?: string }): void {
    this.notes.push(note);
  }

  /** The engines noted since the last call (one proxy's passes), and forgets them. */
  takeEngineNotes(): Array<{ engine: 'onnxruntime' | 'tfjs'; reason?: string; method?: string }> {
    const out = this.notes;
    this.notes = [];
    return out;
  }

  params(requested: InitScheme = 'pytorch'): ParamMap {
    const scheme = requested === 'pytorch' ? this.init : requested;
    let p = this.paramSets.get(scheme);
    if (!p) {
      p = initParams(this.graph, this.seed, this.archKey, scheme);
      this.paramSets.set(scheme, p);
    }
    return p;
  }

  private batch(b: number): CalibrationBatch {
    const batch = this.batches[b];
    if (!batch) throw new Error(`calibration batch ${b} requested but only ${this.batches.length} configured (data.batches)`);
    return batch;
  }

  input(b = 0, n?: number): tf.Tensor4D {
    const batch = this.batch(b);
    const count = Math.min(n ?? batch.n, batch.n);
    return this.cached(`x:${b}:${count}`, () => {
      const per = batch.height * batch.width * 3;
      return tf.tensor4d(batch.images.subarray(0, count * per), [count, batch.height, batch.width, 3]);
    }) as tf.Tensor4D;
  }

  labels(b = 0, n?: number): tf.Tensor2D {
    const batch = this.batch(b);
    const count = Math.min(n ?? batch.n, batch.n);
    return this.cached(`y:${b}:${count}`, () =>
      tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels.subarray(0, count), 'int32'), this.graph.numClasses).toFloat()),
    ) as tf.Tensor2D;
  }

  shared<T>(key: string, compute: () => T): T {
    if (!this.sharedValues.has(key)) this.sharedValues.set(key, compute());
    return this.sharedValues.get(key) as T;
  }

  own<T extends tf.Tensor>(t: T): T {
    this.owned.push(t);
    return t;
  }

  private cached(key: string, make: () => tf.Tensor): tf.Tensor {
    let t = this.tensors.get(key);
    if (!t) {
      t = make();
      this.tensors.set(key, t);
    }
    return t;
  }

  /** Releases what onDispose registered (onnxruntime sessions), then the tensors. */
  async release(): Promise<void> {
    const pending = this.releases.splice(0).map((r) => r());
    this.dispose();
    await Promise.all(pending);
  }

  dispose(): void {
    for (const r of this.releases.splice(0)) void Promise.resolve(r()).catch(() => undefined);
    for (const p of this.paramSets.values()) disposeParams(p);
    for (const t of this.tensors.values()) t.dispose();
    for (const t of this.owned) if (!t.isDisposed) t.dispose();
    this.paramSets.clear();
    this.tensors.clear();
    this.sharedValues.clear();
    this.owned.length = 0;
  }
}
