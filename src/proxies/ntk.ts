// TE-NAS NTK condition number (Chen et al., ICLR 2021; TENAS get_ntk_n): kappa = lambda_max / lambda_min of the
// empirical NTK Theta = J J^T, J_i = d(sum_c f_c(x_i))/d theta over every "weight" parameter (conv, dense
// weights and BN gamma, as PyTorch's name filter `'weight' in name`). Score = -kappa (lower kappa is better).
// Train-mode BN on the whole batch: row i is the gradient of the i-th row of the BATCH logits. As TE-NAS
// (backward with retain_graph=True), the batch forward runs once per repeat and each row is one backward pass
// from it (src/graph/checkpoint-rows.ts): cost = one forward + `samples` backward passes per repeat. On onnxruntime
// (proxy_engine auto/onnxruntime) each row is one whole-batch forward+backward of a model whose loss is that row's
// logits (a fed selector): more passes, but native kernels, 1.6-2.4x less CPU on NATS-SSS networks.
// Defaults are TE-NAS's NB201 setting: 72 samples, 3 repeats, each with fresh weights AND fresh images, kappa averaged. TE-NAS calls get_ntk_n once per repeat with num_batch=1 on a shuffled loader, so every repeat takes
// the first batch of a new pass over a reshuffled training set; here every repeat takes the first `samples` of a
// new seeded permutation of all calibration images (see ntkDraw), PyTorch default init (TE-NAS's launcher asks for 'kaiming_normal', a name its init
// function does not match, so its runs used PyTorch's default init; the Kaiming schemes stay available).
// Rounding: Theta is summed in float64 from the float32 rows and its eigenvalues are float64, so what float32 costs
// is in the rows. Status `unstable` (reason in run.json) when float32 cannot give kappa to `tolerance`, by either of
// two tests (src/proxies/ntk-rounding.ts): Weyl's bound on kappa from the rows' own rounding (near-degenerate
// kernels), and, with `ulp_check`, kappa of repeat 0 recomputed with every weight nudged by one unit in the last
// place (networks whose gradients float32-level changes move: on the full-size NB201 all-1x1 network a 1e-7
// relative change of the weights moves the float64 rows by 2% and kappa by 0.9%; PyTorch's float32 and float64
// kappa differ by 1.3% there).
import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../graph/execute.js';
import { checkpointedRowGrads } from '../graph/checkpoint-rows.js';
import type { Graph } from '../graph/ir.js';
import { paramOffsets } from '../graph/count.js';
import { disposeParams, INIT_SCHEMES, initParams, type InitScheme } from '../graph/init.js';
import { symmetricEigenvalues, type SquareMatrix } from '../linalg/eigen.js';
import { registerProxy } from './registry.js';
import { Rng } from '../engine/rng.js';
import { positiveInt, positiveNumber } from './passes/options.js';
import { kappaRoundingBound, ntkRowRounding } from './ntk-rounding.js';
import { nudgeOneUlp } from './passes/rounding.js';
import { UnstableScore } from './unstable.js';
import type { ProxyContext } from './types.js';
import { ortGradSession } from './passes/grad-engine.js';
import type { GradSession } from './onnx-grad/session.js';

/** TENAS maps a NaN condition number to 1e5 (np.nan_to_num(..., nan=100000)). */
const NAN_KAPPA = 1e5;

/** The parameters TENAS differentiates: names containing "weight" in PyTorch. */
export function ntkParams(graph: Graph): string[] {
  return graph.params.filter((p) => p.role === 'weight' || p.role === 'gamma').map((p) => p.name);
}

/** Where each named parameter's gradient starts in a row, and the row's length. */
function rowLayout(graph: Graph, names: string[]): { at: Map<string, number>; width: number } {
  const offsets = paramOffsets(graph, names);
  return { at: new Map(names.map((name, k) => [name, offsets[k]])), width: offsets[names.length] };
}

/** Theta = J J^T (float64) from per-sample gradients of the summed logits of batch row i (tfjs). */
export function empiricalNtk(graph: Graph, params: ParamMap, x: tf.Tensor4D, names = ntkParams(graph)): SquareMatrix {
  const n = x.shape[0];
  const { at, width } = rowLayout(graph, names);
  // Rows start at zero: parameters that do not reach the logits (NB201 'none'-only branches) keep zero gradients.
  const rows = Array.from({ length: n }, () => new Float32Array(width));
  checkpointedRowGrads(graph, params, x, names, (i, name, grad) => rows[i].set(grad.dataSync() as Float32Array, at.get(name)!));
  return gramOfRows(rows);
}

/**
 * The same rows on onnxruntime: one forward+backward of the whole batch per row (train-mode BN couples the rows),
 * the loss the logits of row i summed (a fed selector), so one session serves every row, repeat and nudge.
 */
export async function empiricalNtkOrt(session: GradSession, graph: Graph, params: ParamMap, x: tf.Tensor4D,
  names = ntkParams(graph)): Promise<SquareMatrix> {
  const n = x.shape[0], k = graph.numClasses;
  const { at, width } = rowLayout(graph, names);
  const values = new Map(graph.params.map((p) => [p.name, params[p.name].dataSync() as Float32Array]));
  const images = x.dataSync() as Float32Array;
  const rows: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const select = new Float32Array(n * k).fill(1, i * k, (i + 1) * k);
    const r = await session.run({ images, rows: select, params: values });
    const row = new Float32Array(width);
    for (const name of names) { const g = r.grads.get(name); if (g) row.set(g, at.get(name)!); }
    rows.push(row);
  }
  return gramOfRows(rows);
}

function gramOfRows(rows: Float32Array[]): SquareMatrix {
  const n = rows.length;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = rows[i], b = rows[j];
      let s = 0;
      for (let k = 0; k < a.length; k++) s += a[k] * b[k];
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { n, data };
}

/** kappa = lambda_max / lambda_min of the (ascending) eigenvalues; NaN becomes 1e5; +-inf is kept. */
export function conditionNumber(theta: SquareMatrix): number {
  return kappaOf(symmetricEigenvalues(theta));
}

function kappaOf(ev: Float64Array): number {
  const kappa = ev[ev.length - 1] / ev[0];
  return Number.isNaN(kappa) ? NAN_KAPPA : kappa;
}

/**
 * Calibration-image indices (into batch 0, then batch 1, ... concatenated) of repeat r: the first min(n, pool) of a
 * permutation of the pool drawn from (seed, repeat). Keyed without the arch, so every arch of a run sees the same
 * draws and differences between archs are not image noise. With a pool much larger than n (TE-NAS draws from the
 * 50,000 training images) repeats are nearly disjoint; with the default 2 x 64 calibration images they overlap.
 */
export function ntkDraw(pool: number, n: number, seed: number, repeat: number): number[] {
  const rng = Rng.keyed(seed, 'ntk:draw', repeat);
  // Fisher-Yates over a virtual 0..pool-1, only the swapped places stored: memory follows n, not the pool.
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const take = Math.min(n, pool);
  for (let i = 0; i < take; i++) {
    const j = i + rng.int(pool - i);
    const vi = at(i), vj = at(j);
    swapped.set(i, vj);
    swapped.set(j, vi);
  }
  return Array.from({ length: take }, (_, i) => at(i));
}

/** The images of ntkDraw(...) as one NHWC batch (owned by the context). */
export function drawnSamples(ctx: ProxyContext, n: number, repeat: number): tf.Tensor4D {
  // Every batch holds data.batch_size images: the pool is counted, not walked, so lazily made batches that are
  // not drawn are never made.
  const per0 = ctx.batches[0]?.n ?? 0;
  const pool = ctx.batches.length * per0;
  if (!pool) throw new Error('proxy ntk: needs calibration images (data.batches >= 1)');
  const where = (k: number): [number, number] => [Math.floor(k / per0), k % per0];
  const draw = ntkDraw(pool, n, ctx.seed, repeat);
  return ctx.shared(`ntk-draw:${n}:${repeat}`, () => {
    const { height, width } = ctx.batches[0];
    const per = height * width * 3;
    const data = new Float32Array(draw.length * per);
    draw.forEach((k, row) => {
      const [b, i] = where(k);
      data.set(ctx.batches[b].images.subarray(i * per, (i + 1) * per), row * per);
    });
    return ctx.own(tf.tensor4d(data, [draw.length, height, width, 3]));
  });
}

export default registerProxy({
  name: 'ntk',
  description: 'TE-NAS NTK condition number, negated: -mean over `repeats` inits of lambda_max/lambda_min of J J^T over ' +
    'per-sample weight/gamma gradients of `samples` calibration images drawn afresh for every repeat.',
  needs: { data: true, labels: false, paramGrads: true, inputGrads: false, perSample: true },
  direction: 1,
  defaults: { samples: 72, repeats: 3, init: 'pytorch', tolerance: 1e-2, ulp_check: true },
  optionRules: { init: { kind: 'string', oneOf: INIT_SCHEMES }, ulp_check: { kind: 'boolean' } },
  reference: 'TE-NAS get_ntk_n (train-mode BN, batch 72, repeat 3 with fresh weights and a fresh shuffled batch, PyTorch default init as its launcher ran, NaN kappa -> 1e5)',
  compute: async (ctx, options) => {
    const init = options.init as InitScheme;
    if (!INIT_SCHEMES.includes(init)) {
      throw new Error(`proxy ntk: option init must be one of ${INIT_SCHEMES.join(', ')}, got ${JSON.stringify(options.init)}`);
    }
    const repeats = positiveInt('ntk', options, 'repeats');
    const samples = positiveInt('ntk', options, 'samples');
    const tolerance = positiveNumber('ntk', options, 'tolerance');
    const n = Math.min(samples, ctx.batches.length * (ctx.batches[0]?.n ?? 0));
    // Before any session: a model of batch 0 is not one to build.
    if (!n) throw new Error('proxy ntk: needs calibration images (data.batches >= 1)');
    const rho = ntkRowRounding(ctx.graph, n);
    const { session, note } = await ortGradSession(ctx, { loss: 'row-logits', batch: n, weights: ntkParams(ctx.graph) });
    ctx.noteEngine?.(note);
    const kernel = (p: ParamMap, x: tf.Tensor4D) => (session ? empiricalNtkOrt(session, ctx.graph, p, x) : empiricalNtk(ctx.graph, p, x));
    let total = 0, bound = 0, spread = 0;
    for (let r = 0; r < repeats; r++) {
      // Repeat 0 uses the context's parameters (shared with other proxies); later repeats draw fresh ones.
      // Fresh repeats follow the spec's init as ctx.params does (a request for the default means the spec's scheme).
      const scheme = init === 'pytorch' ? ctx.init : init;
      const params = r === 0 ? ctx.params(init) : initParams(ctx.graph, ctx.seed, `${ctx.archKey}#ntk${r}`, scheme);
      try {
        const x = drawnSamples(ctx, samples, r);
        const ev = symmetricEigenvalues(await kernel(params, x));
        const kappa = kappaOf(ev);
        total += kappa;
        bound = Math.max(bound, kappaRoundingBound(ev, rho));
        if (r === 0 && options.ulp_check !== false) {
          const nudged = nudgeOneUlp(params, Rng.keyed(ctx.seed, 'ntk:ulp', ctx.archKey));
          try {
            spread = Math.abs(conditionNumber(await kernel(nudged, x)) - kappa) / Math.abs(kappa);
          } finally { disposeParams(nudged); }
        }
      } finally {
        if (r > 0) disposeParams(params);
      }
    }
    const score = -total / repeats;
    if (bound > tolerance) {
      throw new UnstableScore(score, `ntk: float32 cannot give kappa to tolerance ${tolerance}: the kernel is near-singular, ` +
        `and the rows' rounding (relative ${rho.toExponential(2)}) bounds kappa's relative error only by ${bound.toExponential(2)} (Weyl)`);
    }
    // Two float32 evaluations can differ by about twice what one ulp of the weights moves kappa.
    if (2 * spread > tolerance) {
      throw new UnstableScore(score, `ntk: float32 cannot give kappa to tolerance ${tolerance}: nudging every weight by one ulp ` +
        `moves kappa of repeat 0 by ${spread.toExponential(2)} (relative), so float32 evaluations can differ by ${(2 * spread).toExponential(2)}`);
    }
    return score;
  },
});
