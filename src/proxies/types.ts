// What a proxy is: metadata the pipeline can reason about (what it needs, which way is better) and a compute
// function over a ProxyContext, which hands out seeded parameters, calibration tensors and shared passes.
import type * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph/ir.js';
import type { ParamMap } from '../graph/execute.js';
import type { InitScheme } from '../graph/init.js';
import type { CalibrationBatch } from '../data/batch.js';
import type { ProxyEngineChoice } from '../spec/types.js';

export type { CalibrationBatch };

export interface ProxyNeeds {
  /** Calibration images. */
  data: boolean;
  /** Calibration labels (a loss). */
  labels: boolean;
  /** Gradients w.r.t. parameters. */
  paramGrads: boolean;
  /** Gradients w.r.t. the input (Jacobians). */
  inputGrads: boolean;
  /** One pass per sample (cost grows with the batch). */
  perSample: boolean;
}

/** Bounds of one option (see option-rules.ts; without one, the rule follows the option's default). */
export type OptionRule =
  | { kind: 'int'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number; exclusiveMin?: boolean }
  | { kind: 'boolean' }
  | { kind: 'string'; oneOf?: readonly string[] }
  | { kind: 'any' };

export interface ProxyMeta {
  name: string;
  /** One line for reports and `zsnas proxies`. */
  description: string;
  needs: ProxyNeeds;
  /** +1 when a higher score predicts higher accuracy (after the proxy's own sign convention). */
  direction: 1 | -1;
  /** Option defaults; a spec's options are merged over these and unknown keys are rejected. */
  defaults: Record<string, unknown>;
  /** Which reference the semantics follow (e.g. "SamsungLabs zero-cost-nas, BN removed"). */
  reference: string;
  /** Option bounds where the default's type does not say enough (e.g. zico needs batches >= 2). */
  optionRules?: Record<string, OptionRule>;
  /** Calibration batches the proxy reads with these options (default 1 when needs.data). */
  batchesNeeded?: (options: Record<string, unknown>) => number;
}

export interface Proxy extends ProxyMeta {
  compute(ctx: ProxyContext, options: Record<string, unknown>): number | Promise<number>;
}


export interface ProxyContext {
  readonly graph: Graph;
  readonly archKey: string;
  readonly seed: number;
  /** The spec's network init: what a request for the default ('pytorch') resolves to. */
  readonly init: InitScheme;
  readonly batches: readonly CalibrationBatch[];
  /** Seeded parameters for an init scheme, created once per arch and disposed by the runner. Do not dispose. */
  params(scheme?: InitScheme): ParamMap;
  /** Batch b (first `n` samples when given) as an NHWC tensor; cached, do not dispose. */
  input(b?: number, n?: number): tf.Tensor4D;
  /** One-hot labels of batch b (first n); cached, do not dispose. */
  labels(b?: number, n?: number): tf.Tensor2D;
  /**
   * A computation shared between proxies of the same arch (one backward for grad_norm, snip, plain, ...).
   * Computed on first use; tensors inside the value must be registered with `own` so the runner disposes them.
   */
  shared<T>(key: string, compute: () => T): T;
  /** Registers tensors the runner disposes when the arch is done. */
  own<T extends tf.Tensor>(t: T): T;
  /** Which engine computes gradient passes (passes/grad-engine.ts); absent = tfjs. */
  readonly gradEngine?: ProxyEngineChoice;
  /** Runs `release` when the arch is done (onnxruntime sessions); without it, no session is kept. */
  onDispose?(release: () => unknown): void;
  /** Records which engine computed a pass of the proxy being scored, and by which method (run.json). */
  noteEngine?(note: { engine: 'onnxruntime' | 'tfjs'; reason?: string; method?: string }): void;
}
