// A fixed reference workload, timed in the same interleaved rounds as the architectures, so that a latency can
// be expressed as a multiple of it (`normalized` in LatencyRow) and compared roughly across runners of different
// speed. Its shapes and weights never change: changing them would break every stored `normalized` value.
// Work: six 3x3 convolutions 48->48 channels on a 32x32 map plus a 256x256 matmul, ~145 M multiply-adds
// (about 5-10 ms on the wasm backend of a CI runner). Runs on whatever tfjs backend is active.

import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import type { LatencyWorkload } from './measure.js';

export const REFERENCE_KEY = '__reference__';
/** Bump when the reference work changes, and record it with the results. */
export const REFERENCE_VERSION = 1;

const SIZE = 32, CHANNELS = 48, LAYERS = 6, MATMUL = 256, SEED = 20240601;

export interface ReferenceWorkload extends LatencyWorkload {
  /** Frees the constant tensors. */
  dispose(): void;
}

function constant(shape: number[], scale: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  // Uniform(-scale, scale) from the platform-independent RNG: same bits everywhere, no denormals.
  return tf.tensor(rng.fillUniform(new Float32Array(size), -scale, scale), shape, 'float32');
}

/** Creates the reference workload's constants on the active backend; call dispose() when done. */
export function createReferenceWorkload(): ReferenceWorkload {
  const rng = Rng.keyed(SEED, 'latency-reference', REFERENCE_VERSION);
  const input = constant([1, SIZE, SIZE, CHANNELS], 1, rng) as tf.Tensor4D;
  // Scale sqrt(6 / fan_in) keeps the ReLU activations O(1) through the stack.
  const filters = Array.from({ length: LAYERS }, () =>
    constant([3, 3, CHANNELS, CHANNELS], Math.sqrt(6 / (9 * CHANNELS)), rng) as tf.Tensor4D);
  const a = constant([MATMUL, MATMUL], 1, rng) as tf.Tensor2D;
  const b = constant([MATMUL, MATMUL], Math.sqrt(3 / MATMUL), rng) as tf.Tensor2D;
  const all: tf.Tensor[] = [input, ...filters, a, b];
  return {
    key: REFERENCE_KEY,
    batch: 1,
    async run() {
      const out = tf.tidy(() => {
        let h: tf.Tensor4D = input;
        for (const f of filters) h = tf.relu(tf.conv2d(h, f, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]));
        return tf.add(tf.mean(h), tf.mean(tf.matMul(a, b)));
      });
      try { await out.data(); } finally { out.dispose(); }
    },
    dispose() { for (const t of all) t.dispose(); },
  };
}
