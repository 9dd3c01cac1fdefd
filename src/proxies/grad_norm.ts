import * as tf from '@tensorflow/tfjs';
import { registerProxy } from './registry.js';
import { lossGrads, sumOverLayers } from './passes/loss-grads.js';

/** Sum over conv/dense layers of the Frobenius norm of dL/dW (not the global norm). */
export default registerProxy({
  name: 'grad_norm',
  description: 'Sum over conv/dense layers of ||dL/dW||_2 at PyTorch default init, train-mode BN, CE loss.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas grad_norm',
  compute: async (ctx) => {
    const { grads, weights } = await lossGrads(ctx);
    return sumOverLayers(weights, (w) => tf.norm(grads.get(w)!) as tf.Scalar);
  },
});
