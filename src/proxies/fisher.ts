import type { ParamSpec } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { lossGrads } from './passes/loss-grads.js';
import type { ProxyContext } from './types.js';

/**
 * Per live conv/dense layer: F_k = ½ mean_n (Σ_hw a·δ)² per output channel, a = the layer output (incl. its bias,
 * before any BN), δ = dL/da. Computed inside the shared loss backward (passes/loss-grads.ts).
 */
export async function fisherPerChannel(ctx: ProxyContext): Promise<{ layer: ParamSpec; F: Float32Array }[]> {
  return (await lossGrads(ctx)).fisher ?? [];
}

/**
 * score = Σ_l Σ_k F_k · (fan-in of output channel k): the reference broadcasts each channel's F_k to every weight
 * of that channel (C_in·k_h·k_w for conv, in_features for dense) before summing, and so do we.
 */
export default registerProxy({
  name: 'fisher',
  description: 'Fisher: Σ_layers Σ_channels ½·mean_n(Σ_hw a·dL/da)² × channel fan-in, a = conv/dense output before BN; ' +
    'PyTorch default init, train-mode BN, CE loss.',
  // paramGrads: it costs one backward pass like the weight-gradient proxies (the gradients are w.r.t. activations).
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas fisher (compute_fisher_per_weight, broadcast to weights, summed)',
  compute: async (ctx) => {
    let total = 0;
    for (const { layer, F } of await fisherPerChannel(ctx)) {
      let s = 0;
      for (const v of F) s += Math.abs(v);
      total += s * layer.fanIn;
    }
    return total;
  },
});
