import * as tf from '@tensorflow/tfjs';
import { registerProxy } from './registry.js';
import { lossGrads, sumOverLayers } from './passes/loss-grads.js';

/** Signed "gradient times weight": the first-order change of L when every weight is scaled by (1 + t). */
export default registerProxy({
  name: 'plain',
  description: 'Sum over conv/dense weights of W * dL/dW (signed) at PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas plain (compute_plain_per_weight, summed)',
  compute: async (ctx) => {
    const { grads, weights } = await lossGrads(ctx);
    const params = ctx.params();
    return sumOverLayers(weights, (w) => tf.sum(tf.mul(params[w], grads.get(w)!)) as tf.Scalar);
  },
});
