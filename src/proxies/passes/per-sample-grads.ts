// Per-sample loss gradients shared by grad_sign and knas: for each of the first n calibration samples (batch 0
// first, then batch 1, ...: the references use 128 samples, more than one 64-image batch),
// a batch-1 forward (train-mode BN, so each sample is normalised with its own spatial statistics, as the
// GradSign reference does) and backward of its CE loss. Gradients of all conv/dense weights are concatenated
// (in saliencyWeights order, NHWC kernel layout) into one Float32Array per sample, held in JS memory rather than
// in the wasm heap. Cost: n forward+backward passes at batch 1, n * #weights * 4 bytes.
// Each sample's gradient is shared by sample slot, so knas's 50 samples reuse the first 50 of grad_sign's 128.
// The passes run on onnxruntime where the context's engine allows (one batch-1 session per arch), on tfjs
// otherwise: the same gradients to float32 precision (test/proxies/per-sample-grads-engines.test.ts).
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../graph/execute.js';
import { gradsOf, saliencyWeights } from '../../graph/grad.js';
import { paramOffsets } from '../../graph/count.js';
import type { InitScheme } from '../../graph/init.js';
import type { ProxyContext } from '../types.js';
import { ortFeeds, ortGradSession, type EngineNote } from './grad-engine.js';
import { crossEntropy } from './loss-grads.js';

export interface PerSampleGrads {
  /** Samples actually used (min of the request and the calibration samples available). */
  n: number;
  weights: string[];
  /** Offset of each weight tensor in the concatenated vector; offsets[weights.length] = total length. */
  offsets: number[];
  /** One concatenated gradient vector per sample. */
  grads: Float32Array[];
  losses: number[];
}

/** (batch, index) of the first n samples across the calibration batches, in order. */
export function sampleSlots(ctx: ProxyContext, n: number): Array<[number, number]> {
  const slots: Array<[number, number]> = [];
  for (let b = 0; b < ctx.batches.length && slots.length < n; b++) {
    for (let i = 0; i < ctx.batches[b].n && slots.length < n; i++) slots.push([b, i]);
  }
  return slots;
}

interface SampleGrad {
  grad: Float32Array;
  loss: number;
  note: EngineNote;
}

export async function perSampleGrads(ctx: ProxyContext, samples: number, scheme: InitScheme = 'pytorch'): Promise<PerSampleGrads> {
  const weights = saliencyWeights(ctx.graph);
  const offsets = paramOffsets(ctx.graph, weights);
  const grads: Float32Array[] = [];
  const losses: number[] = [];
  // The engine is asked once per call, and only when a sample is not shared yet (not once per sample).
  let engine: ReturnType<typeof ortGradSession> | undefined;
  const session = () => (engine ??= ortGradSession(ctx, { loss: 'cross-entropy', batch: 1, weights }));
  for (const [b, i] of sampleSlots(ctx, samples)) {
    const r = await ctx.shared(`per-sample-grad:${scheme}:${b}:${i}`, async () =>
      sampleGrad(ctx, b, i, scheme, weights, offsets, await session()));
    grads.push(r.grad);
    losses.push(r.loss);
    if (grads.length === 1) ctx.noteEngine?.(r.note);
  }
  return { n: grads.length, weights, offsets, grads, losses };
}

async function sampleGrad(ctx: ProxyContext, b: number, i: number, scheme: InitScheme, weights: string[],
  offsets: number[], engine: Awaited<ReturnType<typeof ortGradSession>>): Promise<SampleGrad> {
  const flat = new Float32Array(offsets[weights.length]);
  const { session, note } = engine;
  if (session) {
    // A weight the backward never reaches (it feeds only `none` edges) has no output: its gradient is 0.
    const r = await session.run(ortFeeds(ctx, b, 1, scheme, i));
    weights.forEach((w, k) => { const g = r.grads.get(w); if (g) flat.set(g, offsets[k]); });
    return { grad: flat, loss: r.loss, note };
  }
  const xi = tf.slice(ctx.input(b), [i, 0, 0, 0], [1, -1, -1, -1]);
  const yi = tf.slice(ctx.labels(b), [i, 0], [1, -1]);
  try {
    const r = gradsOf(ctx.graph, ctx.params(scheme), weights, (p: ParamMap) => crossEntropy(execute(ctx.graph, p, xi).logits, yi));
    weights.forEach((w, k) => {
      const g = r.grads.get(w)!;
      flat.set(g.dataSync(), offsets[k]);
      g.dispose();
    });
    return { grad: flat, loss: r.value, note };
  } finally {
    xi.dispose();
    yi.dispose();
  }
}
