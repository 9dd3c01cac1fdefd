import * as tf from '@tensorflow/tfjs';
import { registerProxy } from './registry.js';
import { lossGrads, sumOverLayers } from './passes/loss-grads.js';
import { positiveNumber } from './passes/options.js';
import { cancellationRoundingEstimate, longestGradientSum } from './passes/rounding.js';
import { UnstableScore } from './unstable.js';

/**
 * Signed "gradient times weight": the first-order change of L when every weight is scaled by (1 + t). Its terms
 * cancel (Σ|W·g| / |Σ W·g| = 15,800 on the full-size NB201 all-3x3 network, where float32 is 2.7% off PyTorch's
 * float32): status `unstable` when the estimated float32 error, cancellation × sqrt(K) × 2⁻²⁴, exceeds `tolerance`.
 */
export default registerProxy({
  name: 'plain',
  description: 'Sum over conv/dense weights of W * dL/dW (signed) at PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { tolerance: 1e-2 },
  reference: 'SamsungLabs zero-cost-nas plain (compute_plain_per_weight, summed)',
  compute: async (ctx, options) => {
    const { grads, weights } = await lossGrads(ctx);
    const params = ctx.params();
    const value = sumOverLayers(weights, (w) => tf.sum(tf.mul(params[w], grads.get(w)!)) as tf.Scalar);
    const absTerms = sumOverLayers(weights, (w) => tf.sum(tf.abs(tf.mul(params[w], grads.get(w)!))) as tf.Scalar);
    const tolerance = positiveNumber('plain', options, 'tolerance');
    const rounding = cancellationRoundingEstimate(absTerms, value, longestGradientSum(ctx.graph, ctx.input(0).shape[0]));
    if (rounding > tolerance) {
      throw new UnstableScore(value, `plain: estimated float32 error ${rounding.toExponential(2)} of the score exceeds tolerance ${tolerance} ` +
        `(its terms W*g cancel: sum |terms| / |score| = ${(absTerms / Math.abs(value)).toPrecision(4)})`);
    }
    return value;
  },
});
