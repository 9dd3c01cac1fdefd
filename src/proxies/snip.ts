import * as tf from '@tensorflow/tfjs';
import { registerProxy } from './registry.js';
import { lossGrads, sumOverLayers } from './passes/loss-grads.js';

/** Connection sensitivity: the mask-gradient trick of the reference reduces to |W ⊙ dL/dW| (no mask needed). */
export default registerProxy({
  name: 'snip',
  description: 'Sum over conv/dense weights of |W * dL/dW| at PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas snip (compute_snip_per_weight, summed)',
  compute: async (ctx) => {
    const { grads, weights } = await lossGrads(ctx);
    const params = ctx.params();
    return sumOverLayers(weights, (w) => tf.sum(tf.abs(tf.mul(params[w], grads.get(w)!))) as tf.Scalar);
  },
});
