// The input Jacobian shared by jacob_cov and epe_nas: J_n = d(sum of the batch's logits)/d x_n at PyTorch default
// init, train-mode BN (samples are coupled through the batch statistics, as in the references). Kept as a plain
// Float32Array (rows = samples), so the context owns no tensors for it.
//
// Memory: one tape over a whole NB201 all-3x3 network at batch 64 overflows wasm's 4 GiB heap (and the abort
// kills the backend for the rest of the process), so it is checkpointed (src/graph/checkpoint.ts).
import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../../graph/execute.js';
import type { Graph } from '../../graph/ir.js';
import { checkpointedGrads } from '../../graph/checkpoint.js';
import type { ProxyContext } from '../types.js';
import { ortFeeds, ortGradSession, type EngineNote } from './grad-engine.js';
import { nudgeOneUlp } from './rounding.js';
import type { Rng } from '../../engine/rng.js';

export interface InputJacobian {
  /** Row-major [n, d], d = H*W*C (NHWC order; correlations do not depend on the order). */
  rows: Float32Array;
  n: number;
  d: number;
}

export { segmentGraph } from '../../graph/checkpoint.js';

/** J for an explicit network, parameters and batch (tests call this directly). */
export function inputJacobian(graph: Graph, params: ParamMap, x: tf.Tensor4D): InputJacobian {
  const r = checkpointedGrads(graph, params, x, [], (logits) => tf.sum(logits) as tf.Scalar, { inputGrad: true });
  const rows = Float32Array.from(r.inputGrad!.dataSync());
  r.inputGrad!.dispose();
  const n = x.shape[0];
  return { rows, n, d: rows.length / n };
}

/** The shared pass: the first `samples` images of calibration batch 0, on onnxruntime where the engine allows. */
export async function sharedInputJacobian(ctx: ProxyContext, samples: number): Promise<InputJacobian> {
  const x = ctx.input(0, samples);
  const n = x.shape[0];
  const r = await ctx.shared(`input-jacobian:pytorch:0:${n}`, async (): Promise<InputJacobian & { note: EngineNote }> => {
    const { session, note } = await ortGradSession(ctx, { loss: 'sum-logits', batch: n, weights: [], inputGrad: true });
    if (!session) return { ...inputJacobian(ctx.graph, ctx.params('pytorch'), x), note };
    const rows = (await session.run(ortFeeds(ctx, 0, n, 'pytorch'))).inputGrad!;
    return { rows, n, d: rows.length / n, note };
  });
  ctx.noteEngine?.(r.note);
  return r;
}

/** The shared pass's Jacobian again with every weight nudged by one ulp (rounding.ts), on the same engine: how far
 * float32 alone moves what is computed from it. */
export async function nudgedInputJacobian(ctx: ProxyContext, samples: number, rng: Rng): Promise<InputJacobian> {
  const x = ctx.input(0, samples);
  const n = x.shape[0];
  const nudged = nudgeOneUlp(ctx.params('pytorch'), rng);
  try {
    const { session } = await ortGradSession(ctx, { loss: 'sum-logits', batch: n, weights: [], inputGrad: true });
    if (!session) return inputJacobian(ctx.graph, nudged, x);
    const feeds = ortFeeds(ctx, 0, n, 'pytorch');
    const params = new Map(ctx.graph.params.map((s) => [s.name, nudged[s.name].dataSync() as Float32Array]));
    const rows = (await session.run({ ...feeds, params })).inputGrad!;
    return { rows, n, d: rows.length / n };
  } finally {
    for (const t of Object.values(nudged)) t.dispose();
  }
}
