// TE-NAS number of linear regions (Chen et al., ICLR 2021), ZiCo-repo variant: the full network at Kaiming-normal
// (fan_in) init on a Gaussian batch; #LR = number of distinct ReLU activation patterns among the samples.
// Codes are [ReLU output > 0] = [ReLU input > 0], the very codes of NASWOT's kernel (see passes/relu-codes.ts).
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import type { ParamMap } from '../graph/execute.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { sharedReluKernel, type ReluKernel } from './passes/relu-codes.js';
import type { ProxyContext } from './types.js';

/**
 * sum_i 1 / sum_j E_ij with E_ij = 1 when samples i and j have identical codes everywhere (K_ij equals the code
 * length): each group of identical samples adds 1, so this is the number of distinct patterns.
 */
export function linearRegionCount(kernel: ReluKernel): number {
  const { n, data } = kernel.k;
  let regions = 0;
  for (let i = 0; i < n; i++) {
    let same = 0;
    for (let j = 0; j < n; j++) if (data[i * n + j] === kernel.codeLength) same++;
    regions += 1 / same;
  }
  // Code equality is an equivalence relation, so the sum is an integer up to rounding of the 1/size terms.
  return Math.round(regions);
}

/**
 * Kaiming-normal fan_in init (PyTorch kaiming_normal_, gain sqrt 2): the N(0,1) weights of the 'gaussian' scheme
 * scaled by sqrt(2 / fan_in); biases 0, BN gamma 1, beta 0 as in that scheme. Owned by the context.
 */
export function kaimingNormalFanIn(ctx: ProxyContext): ParamMap {
  return ctx.shared('params:kaiming_normal_fanin', () => {
    const base = ctx.params('gaussian');
    const out: ParamMap = { ...base };
    for (const p of ctx.graph.params) {
      if (p.role === 'weight') out[p.name] = ctx.own(tf.mul(base[p.name], Math.sqrt(2 / p.fanIn)));
    }
    return out;
  });
}

/** N(0,1) batch of the network's input shape, seeded by the run seed only: every arch sees the same points. */
export function gaussianInput(ctx: ProxyContext, n: number, stream: string): tf.Tensor4D {
  const [h, w, c] = ctx.graph.inputShape;
  return ctx.shared(`gaussian-input:${stream}:${n}`, () => {
    const values = Rng.keyed(ctx.seed, stream, 'input').fillNormal(new Float32Array(n * h * w * c));
    return ctx.own(tf.tensor4d(values, [n, h, w, c]));
  });
}

export default registerProxy({
  name: 'linear_regions',
  description: 'TE-NAS #linear regions: distinct ReLU sign patterns among a Gaussian batch, Kaiming-normal fan_in init.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { batch: 64 },
  reference: 'TE-NAS Linear_Region_Collector via ZiCo compute_RN_score (full network, Gaussian input, train-mode BN)',
  compute: (ctx, options) => {
    const n = positiveInt('linear_regions', options, 'batch');
    return linearRegionCount(sharedReluKernel(ctx, 'kaiming_normal_fanin', `gaussian:linear_regions:${n}`,
      () => kaimingNormalFanIn(ctx), () => gaussianInput(ctx, n, 'linear_regions')));
  },
});
