// float32 rounding yardsticks shared by the proxies that flag scores float32 cannot give to their tolerance
// (grasp, ntk): the unit roundoff, the longest sum behind one weight gradient, and a one-ulp nudge of parameters.
import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../../graph/execute.js';
import type { Graph } from '../../graph/ir.js';
import type { Rng } from '../../engine/rng.js';

/** float32 unit roundoff. */
export const UNIT_ROUNDOFF = 2 ** -24;

/** The longest sum behind one weight gradient: batch × the largest spatial map of a conv/dense output. */
export function longestGradientSum(graph: Graph, batch: number): number {
  let pixels = 1;
  for (const n of graph.nodes) {
    if (n.op === 'conv2d' || n.op === 'depthwise_conv2d') pixels = Math.max(pixels, n.shape[0] * n.shape[1]);
  }
  return batch * pixels;
}

/**
 * Estimated relative float32 error of a sum of terms that cancel (sumAbs = Σ|terms|): the cancellation
 * Σ|terms| / |Σ terms| times the typical relative rounding of one gradient element, sqrt(K)·2⁻²⁴ for a sum of K
 * products (random-walk growth of round-to-nearest errors). An upper estimate: on full-size NB201 networks plain's
 * measured errors are 0.1–0.6 of it.
 */
export function cancellationRoundingEstimate(sumAbs: number, sum: number, longestSum: number): number {
  return (sumAbs / Math.max(Math.abs(sum), Number.MIN_VALUE)) * Math.sqrt(longestSum) * UNIT_ROUNDOFF;
}

/**
 * Every non-zero finite parameter moved by one unit in the last place, up or down in magnitude at random: the
 * smallest change float32 can make to the weights (zeros, which may be structural, stay). New tensors; the caller
 * disposes them.
 */
export function nudgeOneUlp(params: ParamMap, rng: Rng): ParamMap {
  const out: ParamMap = {};
  for (const [name, t] of Object.entries(params)) {
    const data = Float32Array.from(t.dataSync() as Float32Array);
    const bits = new Int32Array(data.buffer);
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0 && Number.isFinite(data[i])) bits[i] += (rng.nextUint32() & 1) * 2 - 1;
    }
    out[name] = tf.tensor(data, t.shape, 'float32');
  }
  return out;
}
