// GraSP's exact Hessian-vector product on onnxruntime: one run of the tangent model (onnx-grad/tangent.ts, the
// forward-over-reverse R-operator of the gradient model), H·v for every conv/dense weight with v fed per weight and
// every other parameter (BN γ/β, biases) unperturbed, as the reference's double backprop through its weights only.
// Costs about three gradient passes (the primal forward and backward, then their tangents: bilinear ops twice).
// Declined (no session, with the reason) where the engine choice is tfjs, the runtime does not load under `auto`,
// or the graph has an op without a backward or tangent rule; the caller then falls back to tfjs.
import * as tf from '@tensorflow/tfjs';
import type { ProxyContext } from '../types.js';
import { ortFeeds, ortGradSession, type EngineNote } from './grad-engine.js';

export interface OrtHvp {
  /** H·v per weight name (zeros for weights that do not reach the loss); caller disposes. Absent when declined. */
  hv?: Map<string, tf.Tensor>;
  note: EngineNote;
}

/** H·v on onnxruntime for the calibration batch 0 (its first `batch` samples) at the context's default init. */
export async function ortHessianVector(ctx: ProxyContext, weights: string[], v: ReadonlyMap<string, tf.Tensor>, batch: number): Promise<OrtHvp> {
  const { session, note } = await ortGradSession(ctx, { loss: 'cross-entropy', batch, weights, hvp: true });
  if (!session) return { note };
  const tangents = new Map(weights.map((w) => [w, v.get(w)!.dataSync() as Float32Array]));
  const r = await session.run({ ...ortFeeds(ctx, 0, batch, 'pytorch'), tangents });
  const specs = new Map(ctx.graph.params.map((p) => [p.name, p]));
  const hv = new Map(weights.map((w) => {
    const shape = specs.get(w)!.shape;
    return [w, tf.tensor(r.hvp.get(w) ?? new Float32Array(shape.reduce((a, b) => a * b, 1)), shape)];
  }));
  return { hv, note };
}
