// Zen-score (Lin et al., ICCV 2021; ZenNAS/ZiCo compute_zen_score, survey get_zenscore): log of the pre-GAP
// response to a small Gaussian perturbation at N(0,1) init, plus the log BN scaling of the running variances.
// The two forwards run on onnxruntime where the spec's proxy_engine allows (as the gradient passes; the row names
// the engine), on tfjs otherwise.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import { execute, newRunningStats, type ParamMap, type RunningStats } from '../graph/execute.js';
import { disposeParams, initParams } from '../graph/init.js';
import type { Graph } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { positiveInt, positiveNumber } from './passes/options.js';
import { ortDeclined } from './passes/grad-engine.js';
import { ZenSession } from './onnx-grad/zen-model.js';

export interface ZenTerms {
  /** mean_b sum_{h,w,c} |f(x) - f(x + alpha eps)| on graph.preGap. */
  delta: number;
  /** sum over 2-D BatchNorm nodes of log sqrt(mean_channels(running_var)). */
  logBn: number;
  score: number;
}

/**
 * One Zen evaluation: two train-mode forwards (x, then x + alpha*eps) that update `running` exactly as PyTorch
 * does (momentum 0.1, unbiased variance; after one call from fresh stats rv = 0.81 + 0.09 v1 + 0.1 v2).
 */
export function zenTerms(graph: Graph, params: ParamMap, x: tf.Tensor4D, eps: tf.Tensor4D, alpha: number,
  running: RunningStats): ZenTerms {
  const pre = (input: tf.Tensor): tf.Tensor => {
    const r = execute(graph, params, input, { bn: 'train', running, keep: [graph.preGap] });
    if (graph.preGap === graph.output) return r.logits;
    r.logits.dispose();
    return r.kept.get(graph.preGap)!;
  };
  const deltaT = tf.tidy(() => {
    const f1 = pre(x);
    const f2 = pre(tf.add(x, tf.mul(eps, alpha)));
    const axes = f1.shape.map((_, i) => i).slice(1);
    return tf.mean(tf.sum(tf.abs(tf.sub(f1, f2)), axes));
  });
  const delta = deltaT.dataSync()[0];
  deltaT.dispose();
  const logBn = logBnScaling(graph, running);
  return { delta, logBn, score: Math.log(delta) + logBn };
}

/** Σ over 2-D BatchNorm nodes of log sqrt(mean_channels(running_var)). */
export function logBnScaling(graph: Graph, running: RunningStats): number {
  let logBn = 0;
  for (const node of graph.nodes) {
    // The references sum over nn.BatchNorm2d modules only (feature maps, not vectors).
    if (node.op !== 'batchnorm' || node.shape.length !== 3) continue;
    const rv = running.variance.get(node.id);
    if (!rv) continue;
    let mean = 0;
    for (const v of rv) mean += v;
    logBn += Math.log(Math.sqrt(mean / rv.length));
  }
  return logBn;
}

/**
 * The same terms on onnxruntime (onnx-grad/zen-model.ts): the perturbed input formed in float32 as tfjs forms it,
 * the delta summed in float64 (tfjs sums in float32: they agree to float32 precision).
 */
export async function zenTermsOrt(session: ZenSession, params: ReadonlyMap<string, Float32Array>, x: Float32Array,
  eps: Float32Array, alpha: number, running: RunningStats): Promise<ZenTerms> {
  const a = Math.fround(alpha);
  const shifted = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) shifted[i] = x[i] + Math.fround(eps[i] * a);
  const f1 = await session.forward(x, params, running);
  const f2 = await session.forward(shifted, params, running);
  let total = 0;
  for (let i = 0; i < f1.length; i++) total += Math.abs(f1[i] - f2[i]);
  const delta = total / session.batch;
  const logBn = logBnScaling(session.graph, running);
  return { delta, logBn, score: Math.log(delta) + logBn };
}

/** N(0,1) tensor of the network's input shape, from the (seed, arch, repeat, role) stream: role 'x' or 'eps'. */
export function zenNoise(graph: Graph, n: number, seed: number, archKey: string, repeat: number, role: string): tf.Tensor4D {
  const [h, w, c] = graph.inputShape;
  return tf.tensor4d(zenNoiseArray(graph, n, seed, archKey, repeat, role), [n, h, w, c]);
}

/** zenNoise's values as an array (NHWC). */
export function zenNoiseArray(graph: Graph, n: number, seed: number, archKey: string, repeat: number, role: string): Float32Array {
  const [h, w, c] = graph.inputShape;
  return Rng.keyed(seed, archKey, 'zen', repeat, role).fillNormal(new Float32Array(n * h * w * c));
}

/** Arch key of the fresh Gaussian weights of repeat r >= 1 (repeat 0 uses the context's 'gaussian' params). */
export function zenRepeatKey(archKey: string, r: number): string {
  return `${archKey}#zen-repeat${r}`;
}

export default registerProxy({
  name: 'zen',
  description: 'Zen-score: log mean L1 pre-GAP perturbation response + sum log sqrt(mean BN running var), N(0,1) init.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { batch: 16, alpha: 0.01, repeats: 1 },
  reference: 'ZenNAS compute_zen_score / survey get_zenscore (Gaussian init, train-mode BN, EMA-exact running var, residuals kept)',
  compute: async (ctx, options) => {
    const n = positiveInt('zen', options, 'batch');
    const repeats = positiveInt('zen', options, 'repeats');
    const alpha = positiveNumber('zen', options, 'alpha');
    // ZenNAS re-draws the weights every repeat but never resets the BN running stats: they carry over.
    const running = newRunningStats();
    const declined = await ortDeclined(ctx);
    ctx.noteEngine?.(declined?.note ?? { engine: 'onnxruntime' });
    let total = 0;
    const session = declined ? undefined : await ZenSession.create(ctx.graph, n);
    try {
      for (let r = 0; r < repeats; r++) {
        const own = r > 0 ? initParams(ctx.graph, ctx.seed, zenRepeatKey(ctx.archKey, r), 'gaussian') : null;
        const params = own ?? ctx.params('gaussian');
        try {
          if (session) {
            const arrays = new Map(ctx.graph.params.map((p) => [p.name, params[p.name].dataSync() as Float32Array]));
            total += (await zenTermsOrt(session, arrays, zenNoiseArray(ctx.graph, n, ctx.seed, ctx.archKey, r, 'x'),
              zenNoiseArray(ctx.graph, n, ctx.seed, ctx.archKey, r, 'eps'), alpha, running)).score;
            continue;
          }
          const x = zenNoise(ctx.graph, n, ctx.seed, ctx.archKey, r, 'x');
          const eps = zenNoise(ctx.graph, n, ctx.seed, ctx.archKey, r, 'eps');
          try {
            total += zenTerms(ctx.graph, params, x, eps, alpha, running).score;
          } finally {
            x.dispose();
            eps.dispose();
          }
        } finally {
          if (own) disposeParams(own);
        }
      }
    } finally {
      await session?.release();
    }
    return total / repeats;
  },
});
