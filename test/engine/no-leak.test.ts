// A full parameter gradient through the wasm replacement kernels leaves no tensor and no backend buffer behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { backendBuffers, seeded, useWasm } from './helpers.js';

test('parameter gradients of a 2-conv network on wasm leak nothing', async () => {
  await useWasm();
  const x = tf.tensor4d(seeded([4, 9, 9, 3], 1), [4, 9, 9, 3]);
  const param = (shape: [number, number, number, number], seed: number, name: string) =>
    tf.variable(tf.tidy(() => tf.tensor4d(seeded(shape, seed), shape).mul(0.3)), true, name) as tf.Variable<tf.Rank.R4>;
  const params = { w1: param([3, 3, 3, 8], 2, 'w1'), w2: param([3, 3, 8, 6], 3, 'w2'), dw: param([3, 3, 8, 1], 4, 'dw') };
  const loss = () => {
    const h = tf.relu(tf.conv2d(x, params.w1, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]));
    const d = tf.relu6(tf.depthwiseConv2d(h, params.dw, 1, 'same'));
    const y = tf.conv2d(d, params.w2, 2, [[0, 0], [1, 1], [1, 1], [0, 0]]); // stride 2, odd input
    return tf.mean(tf.square(y)) as tf.Scalar;
  };
  const step = () => {
    const { value, grads } = tf.variableGrads(loss);
    const norms = tf.tidy(() => Object.values(grads).map((g) => tf.norm(g).dataSync()[0]!));
    tf.dispose([value, ...Object.values(grads)]);
    return norms;
  };
  step(); // warm-up: first calls may allocate caches
  const tensors = tf.memory().numTensors;
  const buffers = backendBuffers();
  const norms = step();
  tf.tidy(() => { tf.grads((a: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, params.w1, 2, 'same').sum())([x]); });
  assert.equal(tf.memory().numTensors, tensors, 'tf.memory().numTensors unchanged');
  assert.equal(backendBuffers(), buffers, 'wasm backend buffers unchanged');
  assert.equal(norms.length, 3);
  for (const n of norms) assert.ok(Number.isFinite(n) && n > 0, `gradient norm ${n}`);
  tf.dispose([x, ...Object.values(params)]);
});
