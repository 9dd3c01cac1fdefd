// recordTape: several vector-Jacobian products from one recorded forward equal tf.grads's, bit for bit, on the wasm
// backend with zsnas's kernels (train-mode BN through its custom gradient, convolutions, pooling, a dense layer);
// zeros for an input the output does not read; nothing leaks, and the engine is left able to take gradients.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute } from '../../src/graph/execute.js';
import { initParams, disposeParams } from '../../src/graph/init.js';
import { recordTape } from '../../src/engine/retained-tape.js';
import { tinyNb201, batchFor, inputOf } from '../proxies/fwd-helpers.js';
import { useWasm } from './helpers.js';

before(useWasm);

test('three vjps from one recording equal three tf.grads calls, bit for bit; unread input gets zeros; no leak', () => {
  const graph = tinyNb201();
  const params = initParams(graph, 3, 'tape', 'pytorch');
  const x = inputOf(batchFor(graph, 4, 11));
  const names = graph.params.map((p) => p.name);
  const unread = tf.ones([2, 2]);
  const xs = [x, ...names.map((n) => params[n]), unread];
  const before = tf.memory().numTensors;
  const forward = () => execute(graph, params, x, { bn: 'train' }).logits;
  const tape = recordTape(xs, forward);
  const [n, c] = tape.y.shape;
  for (let k = 0; k < 3; k++) {
    const dy = tf.tidy(() => tf.mul(tf.randomNormal([n, c], 0, 1, 'float32', 100 + k), k === 2 ? 0 : 1));
    const got = tape.vjp(dy);
    const want = tf.tidy(() => tf.grads((...ts: tf.Tensor[]) => {
      const p = { ...params };
      names.forEach((name, j) => { p[name] = ts[j + 1]; });
      return tf.sum(tf.mul(execute(graph, p, ts[0], { bn: 'train' }).logits, dy)) as tf.Scalar;
    })(xs.slice(0, -1)));
    assert.equal(got.length, xs.length);
    want.forEach((w, j) => assert.deepEqual(got[j].dataSync(), w.dataSync(), `vjp ${k}, input ${j}`));
    assert.deepEqual([...got.at(-1)!.dataSync()], [0, 0, 0, 0]);
    tf.dispose([dy, ...got, ...want]);
  }
  tape.dispose();
  assert.equal(tf.memory().numTensors, before, 'tensors left by the tape');
  // The engine still records gradients normally afterwards.
  const g = tf.grad((a: tf.Tensor) => tf.sum(tf.square(a)))(tf.tensor1d([3]));
  assert.deepEqual([...g.dataSync()], [6]);
  tf.dispose([x, unread, g]);
  disposeParams(params);
});

test('a dy of the wrong shape is refused with the expected shape', () => {
  const a = tf.tensor1d([1, 2]);
  const tape = recordTape([a], () => tf.mul(a, a));
  assert.throws(() => tape.vjp(tf.ones([3])), /dy must be float32 of shape \[2\], got float32 \[3\]/);
  tape.dispose();
  a.dispose();
});

test('recording inside another gradient computation is refused', () => {
  const a = tf.tensor1d([1, 2]);
  assert.throws(() => tf.grad((b: tf.Tensor) => {
    recordTape([b], () => tf.mul(b, b));
    return tf.sum(b);
  })(a), /inside another gradient computation/);
  a.dispose();
});

test('a forward that throws leaves no saved tensor behind and the engine untaped', () => {
  const a = tf.tensor1d([1, 2]);
  const before = tf.memory().numTensors;
  assert.throws(() => recordTape([a], () => { tf.exp(tf.mul(a, a)); throw new Error('boom'); }), /boom/);
  assert.equal(tf.memory().numTensors, before);
  const g = tf.grad((b: tf.Tensor) => tf.sum(tf.mul(b, b)))(a);
  assert.deepEqual([...g.dataSync()], [2, 4]);
  tf.dispose([a, g]);
});
