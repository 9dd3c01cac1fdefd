// Convolutions the tfjs ops lack, written with differentiable primitives so every proxy's gradients flow:
// grouped convolution (split, convolve each group, concatenate) and dilation (a zero-interleaved kernel).
import * as tf from '@tensorflow/tfjs';
import type { Pad4 } from './ir.js';

export function anyPad(p: Pad4): boolean {
  return p.some((v) => v !== 0);
}

export function explicitPad(p: Pad4): [[number, number], [number, number], [number, number], [number, number]] | 'valid' {
  return anyPad(p) ? [[0, 0], [p[0], p[1]], [p[2], p[3]], [0, 0]] : 'valid';
}

/**
 * [kh, kw, a, b] -> [d (kh - 1) + 1, d (kw - 1) + 1, a, b] with the taps d apart and zeros between: the same
 * outputs as a dilated convolution, and its gradient w.r.t. the small kernel is the dilated one's. tfjs's own
 * dilated conv2d has no gradient for dilation > 1.
 */
export function dilateKernel(w: tf.Tensor4D, d: number): tf.Tensor4D {
  if (d === 1) return w;
  const [kh, kw, a, b] = w.shape;
  return tf.tidy(() => {
    const spread = tf.pad(tf.reshape(w, [kh, 1, kw, 1, a, b]), [[0, 0], [0, d - 1], [0, 0], [0, d - 1], [0, 0], [0, 0]]);
    const grid = tf.reshape(spread, [kh * d, kw * d, a, b]);
    return tf.slice(grid, [0, 0, 0, 0], [d * (kh - 1) + 1, d * (kw - 1) + 1, a, b]) as tf.Tensor4D;
  });
}

/** A dense or grouped convolution of NHWC x by [kh, kw, cin / groups, cout] w (no bias). */
export function convGrouped(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: Pad4, groups = 1, dilation = 1): tf.Tensor4D {
  return tf.tidy(() => {
    const k = dilateKernel(w, dilation);
    if (groups === 1) return tf.conv2d(x, k, stride, explicitPad(pad)) as tf.Tensor4D;
    const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
    const ws = tf.split(k, groups, 3) as tf.Tensor4D[];
    return tf.concat(xs.map((xi, i) => tf.conv2d(xi, ws[i], stride, explicitPad(pad))), 3) as tf.Tensor4D;
  });
}

/** Depthwise convolution with an optional dilation. */
export function convDepthwise(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: Pad4, dilation = 1): tf.Tensor4D {
  return tf.tidy(() => tf.depthwiseConv2d(x, dilateKernel(w, dilation), stride, explicitPad(pad) as never) as tf.Tensor4D);
}
