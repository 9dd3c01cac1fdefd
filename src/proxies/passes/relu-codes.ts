// Binary ReLU activation codes of a batch, reduced on the fly to the kernel NASWOT needs:
//   K_ij = sum over ReLU invocations of (N_A - Hamming(c_i, c_j)) = sum [c c^T + (1-c)(1-c)^T]_ij,
// c = [z > 0] for the ReLU input z. The same code is [relu(z) > 0] = sign(relu output), TE-NAS's #LR code, so
// linear_regions reads its "identical pattern" matrix off the same K: codes of i and j agree at every unit
// exactly when K_ij equals the total code length. One forward, no per-unit codes kept.
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../graph/execute.js';
import type { Graph } from '../../graph/ir.js';
import type { SquareMatrix } from '../../linalg/eigen.js';
import type { ProxyContext } from '../types.js';
import { ortDeclined, ortFeeds, type EngineNote } from './grad-engine.js';
import { ReluCodeSession, reluCodeDecline } from '../onnx-grad/relu-codes-model.js';

export interface ReluKernel {
  /** n x n, float64, integer-valued. */
  k: SquareMatrix;
  /** Total code length per sample: sum over ReLU invocations of the units per sample. */
  codeLength: number;
  /** Number of ReLU invocations seen. */
  relus: number;
}

/** float32 sums of 0/1 products are exact below 2^24; longer codes are split into column chunks. */
const EXACT_CHUNK = 1 << 23;

/** Adds one ReLU input's contribution to K (in place); returns its units per sample. */
export function accumulateCodes(kernel: Float64Array, n: number, z: tf.Tensor): number {
  const units = z.size / n;
  for (let start = 0; start < units; start += EXACT_CHUNK) {
    const width = Math.min(EXACT_CHUNK, units - start);
    const [gram, ones] = tf.tidy(() => {
      let c = tf.cast(tf.greater(tf.reshape(z, [n, units]), 0), 'float32') as tf.Tensor2D;
      if (width !== units) c = tf.slice(c, [0, start], [n, width]);
      // c c^T with c^T materialised: wasm's matMul with transposeB runs at ~2.4 GFLOP/s, a plain one on an
      // explicit transpose at 7-13 (transpose included); 0/1 sums are exact either way.
      return [tf.matMul(c, tf.transpose(c)), tf.sum(c, 1)];
    });
    const g = gram.dataSync(), s = ones.dataSync();
    gram.dispose();
    ones.dispose();
    // (1-c)(1-c)^T = width - s_i - s_j + (c c^T)_ij
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) kernel[i * n + j] += width - s[i] - s[j] + 2 * g[i * n + j];
    }
  }
  return units;
}

/** K from binary codes given directly (rows = samples), for tests and callers that have codes already. */
export function kernelFromCodes(codes: ArrayLike<number>[][]): ReluKernel {
  const n = codes.length;
  const data = new Float64Array(n * n);
  let codeLength = 0;
  const relus = n ? codes[0].length : 0;
  for (let l = 0; l < relus; l++) {
    const units = codes[0][l].length;
    codeLength += units;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      let same = 0;
      for (let u = 0; u < units; u++) if ((codes[i][l][u] > 0) === (codes[j][l][u] > 0)) same++;
      data[i * n + j] += same;
    }
  }
  return { k: { n, data }, codeLength, relus };
}

/** One forward (train-mode BN, running stats untouched) accumulating K over every ReLU node invocation. */
export function reluKernel(graph: Graph, params: ParamMap, x: tf.Tensor4D): ReluKernel {
  const n = x.shape[0];
  const data = new Float64Array(n * n);
  let codeLength = 0;
  let relus = 0;
  // An NB201 node feeding three ReLU-Conv-BN edges hands the same tensor to three ReLUs: its codes, and so its
  // contribution to K, are computed once and added once per invocation.
  const contributions = new Map<number, { k: Float64Array; units: number }>();
  const r = execute(graph, params, x, {
    bn: 'train',
    onReluInput: (_node, z) => {
      let c = contributions.get(z.id);
      if (!c) {
        c = { k: new Float64Array(n * n), units: 0 };
        c.units = accumulateCodes(c.k, n, z);
        contributions.set(z.id, c);
      }
      for (let i = 0; i < data.length; i++) data[i] += c.k[i];
      codeLength += c.units;
      relus++;
    },
  });
  r.logits.dispose();
  for (const t of r.kept.values()) t.dispose();
  return { k: { n, data }, codeLength, relus };
}

/**
 * The shared pass, keyed by what determines it (init, input source, batch size): NASWOT and linear_regions share
 * one forward whenever they are configured with the same init and input. Computed on tfjs.
 */
export function sharedReluKernel(ctx: ProxyContext, initKey: string, inputKey: string, params: () => ParamMap,
  input: () => tf.Tensor4D): ReluKernel {
  return ctx.shared(`relu-kernel:${initKey}:${inputKey}`, () => reluKernel(ctx.graph, params(), input()));
}

/**
 * NASWOT's kernel of the first n images of calibration batch 0 at PyTorch default init: on onnxruntime where the
 * context's engine allows (onnx-grad/relu-codes-model.ts; the same integers), on tfjs otherwise; the engine is
 * noted for run.json as for the gradient passes.
 */
export async function batchReluKernel(ctx: ProxyContext, n: number): Promise<ReluKernel> {
  const x = ctx.input(0, n);
  const count = x.shape[0];
  const r = await ctx.shared(`relu-kernel-engine:pytorch:batch0:${count}`, async (): Promise<ReluKernel & { note: EngineNote }> => {
    const declined = await ortDeclined(ctx, reluCodeDecline(ctx.graph));
    if (declined) return { ...sharedReluKernel(ctx, 'pytorch', `batch0:${count}`, () => ctx.params('pytorch'), () => x), note: declined.note };
    const session = await ReluCodeSession.create(ctx.graph, count);
    try {
      const feeds = ortFeeds(ctx, 0, count, 'pytorch');
      const sums = await session.run(feeds.images, feeds.params);
      return { k: { n: count, data: sums.kernel }, codeLength: sums.codeLength, relus: sums.relus, note: { engine: 'onnxruntime' } };
    } finally {
      await session.release();
    }
  });
  ctx.noteEngine?.(r.note);
  return { k: r.k, codeLength: r.codeLength, relus: r.relus };
}
