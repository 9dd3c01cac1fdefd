// BN's batch mean through a global average pool (channel-mean.ts) equals tf.mean over the leading axes: values
// against a float64 sum, first and second derivatives against tf.mean's on the cpu backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { channelMean } from '../../src/graph/channel-mean.js';
import { registerSecondOrderGradients } from '../../src/engine/second-order-grads.js';
import { on, seeded, useWasm } from '../engine/helpers.js';

const SHAPE = [5, 6, 7, 3];

test('values: the float64 mean of each channel, within a few float32 ulps', async () => {
  await useWasm();
  const data = seeded(SHAPE, 11).map((v) => v + 3); // an offset, as BN inputs have
  const got = await on('wasm', () => channelMean(tf.tensor(data, SHAPE)));
  assert.deepEqual(got.shape, [1, 1, 1, 3]);
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let k = c; k < data.length; k += 3) sum += data[k];
    const want = sum / (data.length / 3);
    assert.ok(Math.abs(got.data[c] - want) <= 1e-6 * Math.abs(want), `channel ${c}: ${got.data[c]} vs ${want}`);
  }
});

test('gradients: first and second order equal tf.mean\'s (cpu backend reference)', async () => {
  await useWasm();
  registerSecondOrderGradients(); // differentiating the pool's gradient, as grasp's exact Hessian products do
  const data = seeded(SHAPE, 12);
  const weights = seeded([3], 13);
  // A BN-like use: the variance of x around its mean, weighted per channel; its gradient is itself differentiated
  // (grasp's Hessian-gradient products run twice through BN).
  const loss = (mean: (t: tf.Tensor) => tf.Tensor) => (x: tf.Tensor) => {
    const centered = tf.sub(x, mean(x));
    return tf.sum(tf.mul(mean(tf.square(centered)), tf.tensor1d(weights)));
  };
  const second = (mean: (t: tf.Tensor) => tf.Tensor) => () => {
    const x = tf.tensor(data, SHAPE);
    const g = tf.grad(loss(mean));
    return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(g(t), t)))(x);
  };
  const first = (mean: (t: tf.Tensor) => tf.Tensor) => () => tf.grad(loss(mean))(tf.tensor(data, SHAPE));
  const leading = (t: tf.Tensor) => tf.mean(t, [0, 1, 2], true);
  for (const make of [first, second]) {
    const want = await on('cpu', make(leading));
    const got = await on('wasm', make(channelMean));
    const scale = Math.max(...want.data.map(Math.abs));
    const err = Math.max(...got.data.map((v, i) => Math.abs(v - want.data[i])));
    assert.ok(scale > 0 && err <= 1e-5 * scale, `max error ${err} against scale ${scale}`);
  }
});
