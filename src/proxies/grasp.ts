// GraSP (Wang et al., ICLR 2020) as SamsungLabs zero-cost-nas scores it: score = -Σ W ⊙ (H g) over conv/dense
// weights, g = dL/dW on one batch, H the Hessian of the same loss (train-mode BN, same batch).
// H g three ways:
//  - on onnxruntime (gradient engine auto/onnxruntime, every op with a backward and a tangent rule), for `hvp: auto` and
//    `exact`: the tangent model (onnx-grad/tangent.ts, passes/hessian-vector.ts), forward-mode differentiation of the
//    explicit forward+backward graph along v = g on the conv/dense weights: exact H g, the reference's numbers, in about
//    three gradient passes. The tfjs routes below remain for graphs it declines (the reason goes into run.json).
//  - `hvp: 'exact'` on tfjs: double backprop, the reference's own procedure (torch.autograd.grad with create_graph).
//    tfjs-core has no gradient for the backward convolution / pooling kernels; src/engine/second-order-grads.ts
//    registers them, and the loss is the twice-differentiable crossEntropy2. The double tape of a full NB201
//    network at batch 64 does not fit the wasm backend's 4 GiB heap, so this is for small networks.
//  - `hvp: 'auto'` (default) on tfjs picks exact when ~8 forwards' activations fit in 1 GiB, else:
//  - `hvp: 'finite-difference'`: central differences D(h) of the (checkpointed) gradient along g/||g|| with the
//    ReLU patterns of θ frozen (so the loss is smooth and ReLU'' = 0 as in autodiff), at steps ε, ε/2, ε/4 with
//    ε such that no layer moves by more than eps of its own norm. Two Richardson levels: R(ε, ε/2) and R(ε/2, ε/4)
//    (error O(ε⁴)), then (16 R(ε/2, ε/4) − R(ε, ε/2)) / 15 (error O(ε⁶)) is the score. One level left 3e-3 of
//    truncation on the all-1x1 NB201 cell at eps 3e-3; two levels land on the exact float32 value. Unstable when
//    the score and R(ε/2, ε/4) differ by more than `tolerance` (an upper bound on the remaining truncation).
//    Cost: 6 gradient passes after the shared one.
// Every method is also flagged `unstable` when float32 cannot give the score to `tolerance`: the score is a sum of
// terms W·(Hg) that cancel (Σ|terms| / |Σ terms| = 417 on the all-1x1 NB201 cell), each term carrying the rounding
// of a float32 gradient summed over batch × pixels products (~sqrt(K)·2⁻²⁴ relative, K = batch × largest feature
// map): estimate = cancellation × sqrt(K) × 2⁻²⁴. On that cell it says 6.4e-3; PyTorch's own float32 double backprop
// is 5.4e-3 from float64 there, zsnas's 1e-4 (exact) and 2e-4 (finite difference): an upper estimate, since zsnas's
// BN statistics are summed more accurately than one sequential float32 sum.
import * as tf from '@tensorflow/tfjs';
import { registerSecondOrderGradients } from '../engine/second-order-grads.js';
import type { ParamMap } from '../graph/execute.js';
import { execute } from '../graph/execute.js';
import { gradsOf, liveNodes } from '../graph/grad.js';
import { checkpointedGrads } from '../graph/checkpoint.js';
import type { Graph } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { crossEntropy, crossEntropy2, lossGrads, sumOverLayers } from './passes/loss-grads.js';
import { ortFeeds, ortGradSession } from './passes/grad-engine.js';
import { ortHessianVector } from './passes/hessian-vector.js';
import type { ProxyContext } from './types.js';
import { positiveNumber } from './passes/options.js';
import { UnstableScore } from './unstable.js';
import { cancellationRoundingEstimate, longestGradientSum } from './passes/rounding.js';

export { longestGradientSum };

registerSecondOrderGradients();

export const HVP_METHODS = ['auto', 'exact', 'finite-difference'] as const;
export type HvpMethod = typeof HVP_METHODS[number];

/** Activation floats of one forward at this batch size: the double tape keeps several times this. */
export function activationBytes(graph: Graph, batch: number): number {
  return graph.nodes.reduce((a, n) => a + n.shape.reduce((x, y) => x * y, 1), 0) * batch * 4;
}

/** `auto` runs exact double backprop when ~8 forwards' activations fit in 1 GiB (small and macro networks), else
 * the finite difference (a full NB201 network at batch 64 needs far more than the wasm heap holds). */
export const EXACT_BUDGET_BYTES = 2 ** 30;

export function chooseHvp(method: HvpMethod, graph: Graph, batch: number): 'exact' | 'finite-difference' {
  if (method !== 'auto') return method;
  const maxPool = graph.nodes.some((n) => n.op === 'max_pool');
  return !maxPool && 8 * activationBytes(graph, batch) <= EXACT_BUDGET_BYTES ? 'exact' : 'finite-difference';
}

/**
 * Exact H g by double backprop: the gradient w.r.t. W of z(W) = Σ_l <g_l (held fixed), dL/dW_l (W)>.
 * `loss` must be twice differentiable (crossEntropy2, not tf.losses.softmaxCrossEntropy). Zeros for weights that
 * do not reach the loss. Caller disposes the returned tensors.
 */
export function exactHessianGrad(graph: Graph, params: ParamMap, names: string[], g: Map<string, tf.Tensor>,
  loss: (p: ParamMap) => tf.Scalar): Map<string, tf.Tensor> {
  const live = liveNodes(graph);
  const nodeOf = new Map(graph.params.map((p) => [p.name, p.node]));
  const active = names.filter((n) => live.has(nodeOf.get(n) ?? ''));
  const out = new Map<string, tf.Tensor>();
  if (active.length) {
    const hg = tf.tidy(() => {
      const lossOf = (...ws: tf.Tensor[]) => loss({ ...params, ...Object.fromEntries(active.map((n, i) => [n, ws[i]])) });
      return tf.grads((...ws: tf.Tensor[]) => {
        const inner = tf.grads(lossOf)(ws);
        return tf.addN(inner.map((d, i) => tf.sum(tf.mul(d, g.get(active[i])!)))) as tf.Scalar;
      })(active.map((n) => params[n]));
    });
    active.forEach((n, i) => out.set(n, hg[i]));
  }
  for (const n of names) if (!out.has(n)) out.set(n, tf.zerosLike(params[n]));
  return out;
}

export interface FdHvp {
  /** Two-level Richardson estimate of H g from steps ε, ε/2, ε/4 (error O(ε⁶)) for every name (caller disposes). */
  hg: Map<string, tf.Tensor>;
  /** The one-level extrapolation R(ε/2, ε/4) (error O(ε⁴)): hg − hgCheck bounds the truncation (caller disposes). */
  hgCheck: Map<string, tf.Tensor>;
  /** Step ε along the unit direction g/||g|| (0 when g = 0, then H g = 0). */
  eps: number;
  /** `project` of the central differences D(ε), D(ε/2), D(ε/4) (empty without `project`). */
  ladder: number[];
}

/**
 * H g from the central differences D(h) = ||g|| [∇L(θ + h ĝ) − ∇L(θ − h ĝ)] / (2h), ĝ = g/||g||, ε the largest step
 * that moves no named weight tensor by more than relEps of its own norm: R(a, b) = (4 D(b) − D(a)) / 3 removes the
 * h² error term, (16 R(ε/2, ε/4) − R(ε, ε/2)) / 15 the h⁴ one; R(ε/2, ε/4) is returned as the check. Other parameters (BN γ/β, biases) stay fixed; `loss` / `gradFn` must use the same
 * batch, BN mode and frozen ReLU masks.
 */
export async function fdHessianGrad(graph: Graph, params: ParamMap, names: string[], g: Map<string, tf.Tensor>,
  loss: (p: ParamMap) => tf.Scalar, relEps = 1e-2,
  gradFn: (p: ParamMap) => Map<string, tf.Tensor> | Promise<Map<string, tf.Tensor>> = (p) => gradsOf(graph, p, names, loss).grads,
  project?: (d: Map<string, tf.Tensor>) => number): Promise<FdHvp> {
  const sq = (ts: tf.Tensor[]) => tf.tidy(() => tf.addN(ts.map((t) => tf.sum(tf.square(t)))).dataSync()[0]);
  const gNorm = Math.sqrt(sq(names.map((n) => g.get(n)!)));
  // The step moves no layer by more than relEps of its own norm: g/||g|| often concentrates in a few small layers
  // (the classifier), where relEps·||θ|| would be a large, non-local change.
  let eps = Infinity;
  for (const n of names) {
    const gl = Math.sqrt(sq([g.get(n)!])), wl = Math.sqrt(sq([params[n]]));
    if (gl > 0) eps = Math.min(eps, (relEps * wl * gNorm) / gl);
  }
  const filled = (v: number) => new Map(names.map((n) => [n, tf.fill(params[n].shape, v)]));
  if (!(gNorm > 0) || !Number.isFinite(gNorm) || !(eps > 0) || !Number.isFinite(eps)) {
    const v = gNorm === 0 ? 0 : NaN;
    return { hg: filled(v), hgCheck: filled(v), eps: 0, ladder: [] };
  }
  const central = async (h: number) => {
    const at = async (sign: number) => {
      const p: ParamMap = { ...params };
      for (const n of names) p[n] = tf.tidy(() => tf.add(params[n], tf.mul(g.get(n)!, (sign * h) / gNorm)));
      try { return await gradFn(p); } finally { for (const n of names) p[n].dispose(); }
    };
    const plus = await at(1), minus = await at(-1);
    const d = new Map(names.map((n) => [n, tf.tidy(() => tf.mul(tf.sub(plus.get(n)!, minus.get(n)!), gNorm / (2 * h)))]));
    tf.dispose([...plus.values(), ...minus.values()]);
    return d;
  };
  const richardson = (coarse: Map<string, tf.Tensor>, fine: Map<string, tf.Tensor>) =>
    new Map(names.map((n) => [n, tf.tidy(() => tf.div(tf.sub(tf.mul(fine.get(n)!, 4), coarse.get(n)!), 3))]));
  const d1 = await central(eps), d2 = await central(eps / 2), d4 = await central(eps / 4);
  const ladder = project ? [d1, d2, d4].map(project) : [];
  const coarse = richardson(d1, d2), hgCheck = richardson(d2, d4);
  const hg = new Map(names.map((n) => [n, tf.tidy(() => tf.div(tf.sub(tf.mul(hgCheck.get(n)!, 16), coarse.get(n)!), 15))]));
  tf.dispose([...d1.values(), ...d2.values(), ...d4.values(), ...coarse.values()]);
  return { hg, hgCheck, eps, ladder };
}

/**
 * Whether central differences p(ε), p(ε/2), p(ε/4) are in their h² regime, where Richardson extrapolation is valid:
 * with D(h) = Hg + b h² + c h⁴ + …, (p(ε) − p(ε/2)) / (p(ε/2) − p(ε/4)) = 4 (1 + 1.25x) / (1 + 0.31x), x = c ε² / b, so
 * a ratio in [3, 5] means the h² term dominates (|x| < 0.27). Differences below tolerance/100 of the value are
 * converged whatever their order. On the full-size NB201 all-1x1 network at eps 3e-3 the ratio is 1.95 (the steps
 * are far outside the regime: Richardson gave −252.7 in float64, double backprop +225.0); at 3e-5 it is 3.97.
 */
export function inH2Regime(ladder: number[], tolerance: number): boolean {
  const [p1, p2, p4] = ladder;
  if (Math.abs(p1 - p4) <= (tolerance / 100) * Math.abs(p4)) return true;
  const ratio = (p1 - p2) / (p2 - p4);
  return ratio >= 3 && ratio <= 5;
}

/** Step shrink factor and attempts when the central differences are not in their h² regime. */
export const STEP_SHRINK = 10;
export const STEP_ATTEMPTS = 3;

/** Estimated relative float32 error of −Σ W·Hg (see cancellationRoundingEstimate). */
export const graspRoundingEstimate = cancellationRoundingEstimate;

/** score = −Σ W ⊙ Hg over conv/dense weights (the minus sign is the reference's, so higher = better). */
export default registerProxy({
  name: 'grasp',
  description: 'GraSP: −Σ W * (H g) over conv/dense weights; H g exact on onnxruntime (forward-over-reverse tangent model), ' +
    'else by exact double backprop on tfjs (hvp: auto picks it when the network is small) or Richardson-extrapolated central differences of the gradient along g/||g|| (no layer moved by ' +
    'more than eps of its norm; steps /2, /4; ReLU patterns frozen; status unstable when two extrapolations disagree beyond ' +
    '`tolerance`); PyTorch default init, train-mode BN, one batch.',
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { hvp: 'auto', eps: 3e-3, tolerance: 1e-2 },
  optionRules: { hvp: { kind: 'string', oneOf: HVP_METHODS }, eps: { kind: 'number', min: 0, exclusiveMin: true, max: 0.5 } },
  reference: 'SamsungLabs zero-cost-nas grasp (T=1, num_iters=1; its exact double-backprop Hessian-gradient product is ' +
    'hvp: exact here, on onnxruntime as a forward-over-reverse tangent model; on tfjs chosen by hvp: auto on small networks, ' +
    'on large ones finite differences, disagreement flagged)',
  compute: async (ctx, options) => {
    if (!HVP_METHODS.includes(options.hvp as HvpMethod)) {
      throw new Error(`proxy grasp: option "hvp" must be one of ${HVP_METHODS.join(', ')}, got ${JSON.stringify(options.hvp)}`);
    }
    const requested = options.hvp as HvpMethod;
    const relEps = positiveNumber('grasp', options, 'eps');
    const tolerance = positiveNumber('grasp', options, 'tolerance');
    const { grads, weights } = await lossGrads(ctx);
    const params = ctx.params();
    const x = ctx.input(0);
    const y = ctx.labels(0);
    const score = (hg: Map<string, tf.Tensor>) => 0 - sumOverLayers(weights, (w) => tf.sum(tf.mul(params[w], hg.get(w)!)) as tf.Scalar);
    const sumAbs = (hg: Map<string, tf.Tensor>) => sumOverLayers(weights, (w) => tf.sum(tf.abs(tf.mul(params[w], hg.get(w)!))) as tf.Scalar);
    let value = NaN, check = NaN, absTerms = NaN;
    // Exact H g on onnxruntime (tangent model) wherever it takes the graph; otherwise the tfjs routes below.
    const ort = requested === 'finite-difference' ? undefined : await ortHessianVector(ctx, weights, grads, x.shape[0]);
    const method = ort?.hv ? 'exact' : chooseHvp(requested, ctx.graph, x.shape[0]);
    if (ort?.hv) {
      ctx.noteEngine?.({ ...ort.note, method: 'exact' });
      try {
        value = score(ort.hv);
        absTerms = sumAbs(ort.hv);
      } finally { tf.dispose([...ort.hv.values()]); }
    } else if (method === 'exact') {
      ctx.noteEngine?.({ engine: 'tfjs', method: 'exact', ...(ort?.note.reason ? { reason: ort.note.reason } : {}) }); // double backprop on tfjs
      // Checked up front: a throw inside nested tf.grads leaves the saved tensors of the outer tape behind.
      if (ctx.graph.nodes.some((n) => n.op === 'max_pool')) {
        throw new Error('proxy grasp: hvp "exact" cannot differentiate max pooling twice (tfjs has no MaxPoolGrad gradient); use hvp: finite-difference');
      }
      const hg = exactHessianGrad(ctx.graph, params, weights, grads, (p) => crossEntropy2(execute(ctx.graph, p, x).logits, y));
      try {
        value = score(hg);
        absTerms = sumAbs(hg);
      } finally { tf.dispose([...hg.values()]); }
    } else {
      const declined = ort?.note.reason && `exact Hessian-vector product not on onnxruntime (${ort.note.reason}): finite differences`;
      // Start at eps and shrink the step tenfold until the differences are in their h² regime (at most 3 steps).
      const tried: string[] = [];
      let regime = false;
      for (let attempt = 0, rel = relEps; attempt < STEP_ATTEMPTS && !regime; attempt++, rel /= STEP_SHRINK) {
        const { hg, hgCheck, ladder } = await finiteDifferenceHg(ctx, params, weights, grads, x, y, rel, score, declined || undefined);
        try {
          value = score(hg);
          absTerms = sumAbs(hg);
          check = score(hgCheck);
        } finally {
          tf.dispose([...hg.values(), ...hgCheck.values()]);
        }
        regime = ladder.length === 0 || inH2Regime(ladder, tolerance);
        tried.push(`eps ${rel.toExponential(0)}: ${ladder.map((p) => p.toPrecision(4)).join(', ')}`);
      }
      if (!regime) {
        throw new UnstableScore(value, `grasp: the finite differences never reached their h² regime (score at steps eps, eps/2, eps/4: ` +
          `${tried.join('; ')}), so their extrapolation is not Hg; use hvp: exact where it fits`);
      }
      const gap = Math.abs(value - check) / Math.max(Math.abs(value), Number.MIN_VALUE);
      if (gap > tolerance) {
        throw new UnstableScore(value, `grasp: two-level extrapolation ${value.toPrecision(6)}, one-level (eps/2, eps/4) ${check.toPrecision(6)} ` +
          `(relative gap ${gap.toExponential(2)} > tolerance ${tolerance}); the finite-difference step is too coarse for this network`);
      }
    }
    const rounding = graspRoundingEstimate(absTerms, value, longestGradientSum(ctx.graph, x.shape[0]));
    if (rounding > tolerance) {
      throw new UnstableScore(value, `grasp: estimated float32 error ${rounding.toExponential(2)} of the score exceeds tolerance ${tolerance} ` +
        `(its terms W*Hg cancel: sum |terms| / |score| = ${(absTerms / Math.abs(value)).toPrecision(4)})`);
    }
    return value;
  },
});

/**
 * The finite-difference H g with the ReLU patterns of θ frozen for the two shifted gradients: otherwise the step
 * crosses activation kinks and the difference measures jumps, not the (autodiff, ReLU'' = 0) Hessian product.
 */
async function finiteDifferenceHg(ctx: ProxyContext, params: ParamMap, weights: string[], grads: Map<string, tf.Tensor>,
  x: tf.Tensor4D, y: tf.Tensor2D, relEps: number, project?: (d: Map<string, tf.Tensor>) => number, declined?: string): Promise<FdHvp> {
  const graph = ctx.graph;
  const masks = new Map<string, tf.Tensor>();
  tf.tidy(() => { execute(graph, params, x, { reluMasks: { record: masks } }); });
  try {
    // The six shifted gradients on onnxruntime where the engine allows (the same frozen patterns fed as inputs).
    const { session, note } = await ortGradSession(ctx, { loss: 'cross-entropy', batch: x.shape[0], weights, frozenRelu: true });
    const reason = [note.reason, declined].filter(Boolean).join('; ');
    ctx.noteEngine?.({ engine: note.engine, method: 'finite-difference', ...(reason ? { reason } : {}) });
    const feeds = session && ortFeeds(ctx, 0, x.shape[0], 'pytorch');
    const maskArrays = session && new Map([...masks].map(([id, m]) => [id, m.dataSync() as Float32Array]));
    const ortGrads = async (p: ParamMap) => {
      const r = await session!.run({ ...feeds!, params: new Map(graph.params.map((s) => [s.name, p[s.name].dataSync() as Float32Array])), masks: maskArrays! });
      return new Map(weights.map((w) => [w, tf.tensor(r.grads.get(w) ?? new Float32Array(params[w].size), params[w].shape)]));
    };
    return await fdHessianGrad(graph, params, weights, grads,
      (p) => crossEntropy(execute(graph, p, x, { reluMasks: { use: masks } }).logits, y), relEps,
      session ? ortGrads : (p) => checkpointedGrads(graph, p, x, weights, (logits) => crossEntropy(logits, y), { reluMasks: { use: masks } }).grads, project);
  } finally {
    for (const m of masks.values()) m.dispose();
  }
}
