import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../graph/execute.js';
import { execute } from '../graph/execute.js';
import { gradsOf } from '../graph/grad.js';
import { checkpointedGrads } from '../graph/checkpoint.js';
import type { Graph } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { crossEntropy, lossGrads, sumOverLayers } from './passes/loss-grads.js';
import { positiveNumber } from './passes/options.js';

export interface FdHvp {
  /** Hg for every name (caller disposes). */
  hg: Map<string, tf.Tensor>;
  /** Step along the unit direction g/||g|| (0 when g = 0, then Hg = 0). */
  eps: number;
}

/**
 * Hessian-gradient product by central finite differences, because tfjs-core 4.22 cannot differentiate twice
 * through conv or pooling (no gradient for Conv2DBackpropFilter / AvgPoolGrad / MaxPoolGrad):
 *   Hg ≈ [∇L(θ + ε ĝ) − ∇L(θ − ε ĝ)] · ||g|| / (2ε),  ĝ = g / ||g||,  ε = relEps · ||θ|| / sqrt(P),
 * θ = the P entries of the named weights (relEps 1e-3: a step of 0.1% of the RMS weight). Central differences
 * cancel the even-order terms, so the error is O(ε²) truncation plus float32 rounding of the gradient
 * difference (~1e-7 / relEps relative). Other parameters (BN γ/β, biases) stay fixed; `loss` must use the same
 * batch and BN mode as the one that gave g.
 */
export function fdHessianGrad(graph: Graph, params: ParamMap, names: string[], g: Map<string, tf.Tensor>,
  loss: (p: ParamMap) => tf.Scalar, relEps = 1e-3,
  gradFn: (p: ParamMap) => Map<string, tf.Tensor> = (p) => gradsOf(graph, p, names, loss).grads): FdHvp {
  const sq = (ts: tf.Tensor[]) => tf.tidy(() => tf.addN(ts.map((t) => tf.sum(tf.square(t)))).dataSync()[0]);
  const gNorm = Math.sqrt(sq(names.map((n) => g.get(n)!)));
  const thetaNorm = Math.sqrt(sq(names.map((n) => params[n])));
  const P = names.reduce((a, n) => a + params[n].size, 0);
  const eps = relEps * thetaNorm / Math.sqrt(P);
  const hg = new Map<string, tf.Tensor>();
  if (!(gNorm > 0) || !Number.isFinite(gNorm) || !(eps > 0)) {
    for (const n of names) hg.set(n, tf.fill(params[n].shape, gNorm === 0 ? 0 : NaN));
    return { hg, eps: 0 };
  }
  const shifted = (sign: number) => {
    const p: ParamMap = { ...params };
    for (const n of names) p[n] = tf.tidy(() => tf.add(params[n], tf.mul(g.get(n)!, sign * eps / gNorm)));
    const grads = gradFn(p);
    for (const n of names) p[n].dispose();
    return grads;
  };
  const plus = shifted(1);
  const minus = shifted(-1);
  for (const n of names) {
    hg.set(n, tf.tidy(() => tf.mul(tf.sub(plus.get(n)!, minus.get(n)!), gNorm / (2 * eps))));
    plus.get(n)!.dispose();
    minus.get(n)!.dispose();
  }
  return { hg, eps };
}

/** score = −Σ W ⊙ Hg over conv/dense weights (the minus sign is the reference's, so higher = better). */
export default registerProxy({
  name: 'grasp',
  description: 'GraSP: −Σ W * (H g) over conv/dense weights, Hessian-gradient product by central finite differences ' +
    '(step eps·||θ||/sqrt(P) along g/||g||), PyTorch default init, train-mode BN, one batch for all three gradients.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { eps: 1e-3 },
  reference: 'SamsungLabs zero-cost-nas grasp (T=1, num_iters=1); exact double backprop replaced by a finite-difference HVP',
  compute: (ctx, options) => {
    const relEps = positiveNumber('grasp', options, 'eps');
    const { grads, weights } = lossGrads(ctx);
    const params = ctx.params();
    const x = ctx.input(0);
    const y = ctx.labels(0);
    // Freeze the ReLU patterns of θ for the two shifted gradients: otherwise the step crosses activation kinks
    // and the difference measures jumps, not the (autodiff, ReLU'' = 0) Hessian product the reference uses.
    const masks = new Map<string, tf.Tensor>();
    tf.tidy(() => { execute(ctx.graph, params, x, { reluMasks: { record: masks } }); });
    let hg: Map<string, tf.Tensor>;
    try {
      hg = fdHessianGrad(ctx.graph, params, weights, grads,
        (p) => crossEntropy(execute(ctx.graph, p, x, { reluMasks: { use: masks } }).logits, y), relEps,
        (p) => checkpointedGrads(ctx.graph, p, x, weights, (logits) => crossEntropy(logits, y), { reluMasks: { use: masks } }).grads).hg;
    } finally {
      for (const m of masks.values()) m.dispose();
    }
    try {
      return 0 - sumOverLayers(weights, (w) => tf.sum(tf.mul(params[w], hg.get(w)!)) as tf.Scalar);
    } finally {
      for (const t of hg.values()) t.dispose();
    }
  },
});
