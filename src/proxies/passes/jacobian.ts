// The input Jacobian shared by jacob_cov and epe_nas: J_n = d(sum of the batch's logits)/d x_n at PyTorch default
// init, train-mode BN (samples are coupled through the batch statistics, as in the references). Kept as a plain
// Float32Array (rows = samples), so the context owns no tensors for it.
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../graph/execute.js';
import type { Graph } from '../../graph/ir.js';
import type { ProxyContext } from '../types.js';

export interface InputJacobian {
  /** Row-major [n, d], d = H*W*C (NHWC order; correlations do not depend on the order). */
  rows: Float32Array;
  n: number;
  d: number;
}

/** J for an explicit network, parameters and batch (tests call this directly). */
export function inputJacobian(graph: Graph, params: ParamMap, x: tf.Tensor4D): InputJacobian {
  const g = tf.tidy(() => tf.grad((input: tf.Tensor) => tf.sum(execute(graph, params, input, { bn: 'train' }).logits))(x));
  const rows = g.dataSync() as Float32Array;
  g.dispose();
  const n = x.shape[0];
  return { rows: Float32Array.from(rows), n, d: rows.length / n };
}

/** The shared pass: the first `samples` images of calibration batch 0. */
export function sharedInputJacobian(ctx: ProxyContext, samples: number): InputJacobian {
  const x = ctx.input(0, samples);
  return ctx.shared(`input-jacobian:pytorch:0:${x.shape[0]}`, () => inputJacobian(ctx.graph, ctx.params('pytorch'), x));
}
