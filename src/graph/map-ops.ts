// Feature-map ops with no single tfjs op of the right semantics: exact average pooling at borders, channel shuffle,
// channel slices, and the true values of a log-scaled tensor for activations that are not positively homogeneous.
import * as tf from '@tensorflow/tfjs';
import { anyPad } from './conv-ops.js';
import type { Pad4 } from './ir.js';

/**
 * count_include_pad=false average pooling. tf.avgPool with 'same' divides by the in-bounds count in the forward
 * but its gradient divides by size^2 everywhere (wrong at borders). Zero-pad + 'valid' pool + a constant
 * size^2/count map is exact in both directions.
 */
export function avgPoolExcludePad(x: tf.Tensor4D, size: number, stride: number, pad: Pad4): tf.Tensor {
  if (!anyPad(pad)) return tf.avgPool(x, size, stride, 'valid');
  const [, h, w] = x.shape;
  const ho = Math.floor((h + pad[0] + pad[1] - size) / stride) + 1;
  const wo = Math.floor((w + pad[2] + pad[3] - size) / stride) + 1;
  const factor = new Float32Array(ho * wo);
  for (let i = 0; i < ho; i++) {
    const r0 = Math.max(0, i * stride - pad[0]), r1 = Math.min(h, i * stride - pad[0] + size);
    for (let j = 0; j < wo; j++) {
      const c0 = Math.max(0, j * stride - pad[2]), c1 = Math.min(w, j * stride - pad[2] + size);
      factor[i * wo + j] = (size * size) / ((r1 - r0) * (c1 - c0));
    }
  }
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [pad[0], pad[1]], [pad[2], pad[3]], [0, 0]]);
    const pooled = tf.avgPool(padded as tf.Tensor4D, size, stride, 'valid');
    return tf.mul(pooled, tf.tensor4d(factor, [1, ho, wo, 1]));
  });
}

/** count_include_pad=true (PyTorch's default): zero padding counts in the divisor, so pad then pool 'valid'. */
export function avgPoolIncludePad(x: tf.Tensor4D, size: number, stride: number, pad: Pad4): tf.Tensor {
  return tf.tidy(() => tf.avgPool(tf.pad(x, [[0, 0], [pad[0], pad[1]], [pad[2], pad[3]], [0, 0]]) as tf.Tensor4D, size, stride, 'valid'));
}

/** NHWC channel shuffle: [.., g * k] viewed as [.., g, k], transposed to [.., k, g], flattened back. */
export function channelShuffle(x: tf.Tensor, groups: number): tf.Tensor {
  const lead = x.shape.slice(0, -1);
  const c = x.shape[x.shape.length - 1];
  const r = lead.length;
  return tf.tidy(() => {
    const v = tf.reshape(x, [...lead, groups, c / groups]);
    const perm = [...lead.map((_, i) => i), r + 1, r];
    return tf.reshape(tf.transpose(v, perm), x.shape);
  });
}

/** Channels [start, end) of the last axis. */
export function sliceChannels(x: tf.Tensor, start: number, end: number): tf.Tensor {
  const begin = x.shape.map(() => 0);
  const size = x.shape.map(() => -1);
  begin[begin.length - 1] = start;
  size[size.length - 1] = end - start;
  return tf.slice(x, begin, size);
}

/** x * exp(scale) from the stored x and biasScale = exp(-scale), capped so that 0 * factor stays 0 in float32. */
export function unscaled(x: tf.Tensor, biasScale: number): tf.Tensor {
  return biasScale === 1 ? x : tf.mul(x, Math.min(1 / biasScale, 1e30));
}
