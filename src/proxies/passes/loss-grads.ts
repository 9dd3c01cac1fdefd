// The one forward+backward of the mean cross-entropy loss that grad_norm, snip, plain (and ZiCo's first batch)
// share: conv/dense weight gradients at PyTorch default init, train-mode BN, calibration batch b.
import * as tf from '@tensorflow/tfjs';
import { saliencyWeights } from '../../graph/grad.js';
import { checkpointedGrads } from '../../graph/checkpoint.js';
import type { InitScheme } from '../../graph/init.js';
import type { ProxyContext } from '../types.js';

export interface LossGrads {
  loss: number;
  /** Weight name -> dL/dW (owned by the context). */
  grads: Map<string, tf.Tensor>;
  weights: string[];
}

export function crossEntropy(logits: tf.Tensor, onehot: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
}

export function lossGrads(ctx: ProxyContext, batch = 0, scheme: InitScheme = 'pytorch', n?: number): LossGrads {
  return ctx.shared(`loss-grads:${scheme}:${batch}:${n ?? 'all'}`, () => {
    const weights = saliencyWeights(ctx.graph);
    const x = ctx.input(batch, n);
    const y = ctx.labels(batch, n);
    const r = checkpointedGrads(ctx.graph, ctx.params(scheme), x, weights, (logits) => crossEntropy(logits, y));
    for (const g of r.grads.values()) ctx.own(g);
    return { loss: r.value, grads: r.grads, weights };
  });
}

/** Sum over layers of a per-layer scalar computed inside tidy (the "sum_arr" aggregation of the references). */
export function sumOverLayers(names: string[], perLayer: (name: string) => tf.Scalar): number {
  let total = 0;
  for (const name of names) {
    const t = tf.tidy(() => perLayer(name));
    total += t.dataSync()[0];
    t.dispose();
  }
  return total;
}
