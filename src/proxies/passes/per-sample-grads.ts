// Per-sample loss gradients shared by grad_sign and knas: for each of the first n calibration samples (batch 0
// first, then batch 1, ...: the references use 128 samples, more than one 64-image batch),
// a batch-1 forward (train-mode BN, so each sample is normalised with its own spatial statistics, as the
// GradSign reference does) and backward of its CE loss. Gradients of all conv/dense weights are concatenated
// (in saliencyWeights order, NHWC kernel layout) into one Float32Array per sample, held in JS memory rather than
// in the wasm heap. Cost: n forward+backward passes at batch 1, n * #weights * 4 bytes.
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../graph/execute.js';
import { gradsOf, saliencyWeights } from '../../graph/grad.js';
import type { InitScheme } from '../../graph/init.js';
import type { ProxyContext } from '../types.js';
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

export function perSampleGrads(ctx: ProxyContext, samples: number, scheme: InitScheme = 'pytorch'): PerSampleGrads {
  const slots = sampleSlots(ctx, samples);
  const n = slots.length;
  return ctx.shared(`per-sample-grads:${scheme}:${n}`, () => {
    const graph = ctx.graph;
    const weights = saliencyWeights(graph);
    const sizes = weights.map((w) => graph.params.find((p) => p.name === w)!.shape.reduce((a, b) => a * b, 1));
    const offsets = [0];
    for (const s of sizes) offsets.push(offsets[offsets.length - 1] + s);
    const params = ctx.params(scheme);
    const grads: Float32Array[] = [];
    const losses: number[] = [];
    for (const [b, i] of slots) {
      const xi = tf.slice(ctx.input(b), [i, 0, 0, 0], [1, -1, -1, -1]);
      const yi = tf.slice(ctx.labels(b), [i, 0], [1, -1]);
      try {
        const r = gradsOf(graph, params, weights, (p: ParamMap) => crossEntropy(execute(graph, p, xi).logits, yi));
        const flat = new Float32Array(offsets[weights.length]);
        weights.forEach((w, k) => {
          const g = r.grads.get(w)!;
          flat.set(g.dataSync(), offsets[k]);
          g.dispose();
        });
        grads.push(flat);
        losses.push(r.value);
      } finally {
        xi.dispose();
        yi.dispose();
      }
    }
    return { n, weights, offsets, grads, losses };
  });
}
