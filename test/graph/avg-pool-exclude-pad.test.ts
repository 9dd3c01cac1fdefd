// avg_pool_3x3 excludes padding (PyTorch count_include_pad=False) in the forward AND in the gradient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { execute } from '../../src/graph/execute.js';

function poolGraph() {
  const g = new GraphBuilder('pool', [4, 4, 1], 1);
  g.add('pool', { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, ['input']);
  g.add('gap', { op: 'flatten' }, ['pool']);
  return g.build('gap', 'pool');
}

test('forward divides by the in-bounds count', async () => {
  await tf.setBackend('cpu');
  const x = Array.from({ length: 16 }, (_, i) => i + 1);
  const out = tf.tidy(() => execute(poolGraph(), {}, tf.tensor4d(x, [1, 4, 4, 1])).logits.dataSync());
  // corner (0,0): mean of 1,2,5,6 = 3.5; edge (0,1): mean of 1,2,3,5,6,7 = 4; centre (1,1): mean of 1..3,5..7,9..11 = 6
  assert.equal(out[0], 3.5);
  assert.equal(out[1], 4);
  assert.equal(out[5], 6);
});

test('gradient matches central finite differences everywhere (the stock avgPool gradient is wrong at borders)', async () => {
  await tf.setBackend('cpu');
  const g = poolGraph();
  const w = tf.tensor2d(Array.from({ length: 16 }, (_, i) => Math.sin(i + 1)), [16, 1]);
  const f = (x: tf.Tensor) => tf.sum(tf.matMul(execute(g, {}, x).logits as tf.Tensor2D, w)) as tf.Scalar;
  const x0 = Array.from({ length: 16 }, (_, i) => Math.cos(i));
  const grad = tf.tidy(() => tf.grad(f)(tf.tensor4d(x0, [1, 4, 4, 1])).dataSync());
  const h = 1e-2;
  let maxErr = 0;
  for (let i = 0; i < 16; i++) {
    const plus = [...x0]; plus[i] += h;
    const minus = [...x0]; minus[i] -= h;
    const fd = tf.tidy(() => (f(tf.tensor4d(plus, [1, 4, 4, 1])).dataSync()[0] - f(tf.tensor4d(minus, [1, 4, 4, 1])).dataSync()[0]) / (2 * h));
    maxErr = Math.max(maxErr, Math.abs(fd - grad[i]));
  }
  assert.ok(maxErr < 1e-3, `max |fd - grad| = ${maxErr}`);
  w.dispose();
});
