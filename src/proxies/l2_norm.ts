import * as tf from '@tensorflow/tfjs';
import { saliencyWeights } from '../graph/grad.js';
import { registerProxy } from './registry.js';
import { sumOverLayers } from './passes/loss-grads.js';

/** Data-free: a parameter-count surrogate (≈ sqrt(layer size) / sqrt(3 fan_in) per layer under PyTorch init). */
export default registerProxy({
  name: 'l2_norm',
  description: 'Sum over conv/dense layers of the Frobenius norm of the weight tensor at PyTorch default init (data-free).',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas l2_norm (get_l2_norm_array, summed)',
  compute: (ctx) => {
    const params = ctx.params();
    return sumOverLayers(saliencyWeights(ctx.graph), (w) => tf.norm(params[w]) as tf.Scalar);
  },
});
