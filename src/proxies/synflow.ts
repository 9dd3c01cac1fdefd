import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../graph/execute.js';
import { gradsOf, saliencyWeights } from '../graph/grad.js';
import type { Graph } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { sumOverLayers } from './passes/loss-grads.js';

/**
 * Natural log of SynFlow: BN removed, every parameter replaced by |θ| (biases included), one all-ones input
 * [1,H,W,3], R = Σ logits, synflow = Σ_l Σ |W_l ⊙ dR/dW_l| over conv/dense weights.
 *
 * NB201 values reach ~1e49 (float32 overflows at 3.4e38; tfjs has no float64), so the forward is run with the
 * executor's `logScaled` mode: each node output is divided by a constant (its max) and the log of the product
 * of constants is carried, so logits = logits' · e^S exactly. The constants do not depend on the weights in the
 * gradient, hence dR/dW = e^S · dR'/dW and log synflow = log Σ|W ⊙ dR'/dW| + S, all terms of float32 size.
 * `rescale: false` runs the plain float32 graph (overflows on real networks; kept for tests and debugging).
 * Returns −inf when every input→output path is cut (e.g. all-`none` cells), NaN/inf only on numerical failure.
 */
export function logSynflow(graph: Graph, params: ParamMap, rescale = true): number {
  const weights = saliencyWeights(graph);
  const absParams: ParamMap = {};
  for (const [k, v] of Object.entries(params)) absParams[k] = tf.abs(v);
  const ones = tf.ones([1, ...graph.inputShape]);
  let logScale = 0;
  try {
    const r = gradsOf(graph, absParams, weights, (p) => {
      const out = execute(graph, p, ones, { bn: 'identity', logScaled: rescale });
      logScale = out.logScale;
      return tf.sum(out.logits) as tf.Scalar;
    });
    const total = sumOverLayers(weights, (w) => tf.sum(tf.abs(tf.mul(absParams[w], r.grads.get(w)!))) as tf.Scalar);
    for (const g of r.grads.values()) g.dispose();
    if (total === 0) return -Infinity;
    return Math.log(total) + logScale;
  } finally {
    ones.dispose();
    for (const t of Object.values(absParams)) t.dispose();
  }
}

export default registerProxy({
  name: 'synflow',
  description: 'log(SynFlow), natural log: Σ|W * dR/dW| over conv/dense weights with |θ|, BN removed, all-ones input, ' +
    'R = Σ logits, PyTorch default init; computed exactly in float32 by per-node rescaling (−inf when all paths are cut).',
  needs: { data: false, labels: false, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { rescale: true },
  reference: 'SamsungLabs zero-cost-nas synflow (bn=False, float64); log as in NASLib zerocost',
  compute: (ctx, options) => {
    if (typeof options.rescale !== 'boolean') {
      throw new Error(`proxy synflow: option "rescale" must be true or false, got ${JSON.stringify(options.rescale)}`);
    }
    return logSynflow(ctx.graph, ctx.params(), options.rescale);
  },
});
