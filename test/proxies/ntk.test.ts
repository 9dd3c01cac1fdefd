// ntk: closed form on a linear network (Theta = C X X^T), a conv-BN net against a hand-written per-sample loop
// (train-mode BN couples the batch: row i is the gradient of the i-th row of the BATCH logits), NaN -> 1e5,
// determinism, repeats on their own image draws.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { disposeParams, INIT_SCHEMES, initParams } from '../../src/graph/init.js';
import { squareMatrix } from '../../src/linalg/eigen.js';
import ntk, { conditionNumber, empiricalNtk, ntkDraw, ntkParams } from '../../src/proxies/ntk.js';
import { assertDeterministicNoLeak, batchFor, convBnManual, convBnNet, inputOf, relClose, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

test('linear net f = x W (4 outputs): Theta = 4 <x_i, x_j>, kappa of the 2x2 Gram in closed form', () => {
  const g = new GraphBuilder('linear', [2, 2, 3], 4);
  g.add('flat', { op: 'flatten' }, ['input']);
  g.add('fc', { op: 'dense', units: 4, bias: false }, ['flat']);
  const graph = g.build('fc', 'input');
  const params = initParams(graph, 1, 'lin', 'gaussian');
  const b = batchFor(graph, 2, 8);
  const x = inputOf(b);
  const theta = empiricalNtk(graph, params, x);
  const xi = b.images.subarray(0, 12), xj = b.images.subarray(12, 24);
  const dot = (u: Float32Array, v: Float32Array) => u.reduce((s, a, k) => s + a * v[k], 0);
  const [a, c, o] = [4 * dot(xi, xi), 4 * dot(xj, xj), 4 * dot(xi, xj)];
  relClose(theta.data[0], a, 1e-5); relClose(theta.data[3], c, 1e-5); relClose(theta.data[1], o, 1e-5);
  const mid = (a + c) / 2, r = Math.sqrt(((a - c) / 2) ** 2 + o * o);
  relClose(conditionNumber(theta), (mid + r) / (mid - r), 1e-4);
  x.dispose();
  disposeParams(params);
});

test('conv-BN net: runner value = -kappa of a hand-written per-sample gradient loop (weights + gamma)', async () => {
  const graph = convBnNet();
  assert.deepEqual(ntkParams(graph), ['conv.weight', 'bn.gamma', 'fc.weight']);
  const b = batchFor(graph, 5, 6);
  const value = await scoreOne(graph, ntk, { ...ntk.defaults, samples: 5, repeats: 1, init: 'kaiming_normal_fanout' }, [b], 4);
  const params = initParams(graph, 4, graph.name, 'kaiming_normal_fanout');
  const x = inputOf(b);
  const names = ['conv.weight', 'bn.gamma', 'fc.weight'];
  const rows: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const grads = tf.tidy(() => tf.grads((w: tf.Tensor, gm: tf.Tensor, fw: tf.Tensor) => {
      const p = { ...params, 'conv.weight': w, 'bn.gamma': gm, 'fc.weight': fw };
      return tf.sum(tf.slice(convBnManual(p, x).logits, [i, 0], [1, -1]));
    })(names.map((nm) => params[nm])));
    rows.push(grads.flatMap((t) => [...t.dataSync()]));
    tf.dispose(grads);
  }
  const theta = squareMatrix(5);
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) theta.data[i * 5 + j] = rows[i].reduce((s, v, k) => s + v * rows[j][k], 0);
  relClose(value, -conditionNumber(theta), 1e-3);
  assert.ok(value < -1);
  x.dispose();
  disposeParams(params);
});

test('NaN condition number (all-zero kernel) becomes 1e5 as in TE-NAS', () => {
  assert.equal(conditionNumber(squareMatrix(3)), 1e5);
});

test('an unknown init is an error naming the valid ones', async () => {
  const graph = convBnNet();
  const [row] = await (await import('../../src/proxies/score.js')).scoreArch(graph, 'k',
    [{ proxy: ntk, options: { samples: 2, repeats: 1, init: 'xavier' } }], 1, [batchFor(graph, 2)]);
  assert.equal(row.status, 'error');
  assert.ok(row.error!.includes(`one of ${INIT_SCHEMES.join(', ')}, got "xavier"`), row.error);
});

test('same seed, same bits; no tensor leak', async () => {
  const graph = tinyNb201();
  const v = await assertDeterministicNoLeak(graph, ntk, { ...ntk.defaults, samples: 2, repeats: 2, init: 'kaiming_normal_fanout' }, [batchFor(graph, 2)]);
  assert.ok(Number.isFinite(v));
});

test('TE-NAS setup: each repeat has fresh weights and its own draw of images from both batches', async () => {
  const graph = convBnNet();
  const b0 = batchFor(graph, 3, 6), b1 = batchFor(graph, 3, 7);
  const value = await scoreOne(graph, ntk, { ...ntk.defaults, samples: 4, repeats: 2 }, [b0, b1], 4);
  assert.equal(ntk.defaults.samples, 72);
  assert.equal(ntk.defaults.repeats, 3);
  assert.equal(ntk.defaults.init, 'pytorch');
  const all = tf.concat([inputOf(b0), inputOf(b1)], 0);
  const drawn = [0, 1].map((r) => tf.gather(all, ntkDraw(6, 4, 4, r)) as tf.Tensor4D);
  const p0 = initParams(graph, 4, graph.name, 'pytorch');
  const p1 = initParams(graph, 4, `${graph.name}#ntk1`, 'pytorch');
  const expected = -(conditionNumber(empiricalNtk(graph, p0, drawn[0])) + conditionNumber(empiricalNtk(graph, p1, drawn[1]))) / 2;
  relClose(value, expected, 1e-9);
  tf.dispose([all, ...drawn]);
  disposeParams(p0);
  disposeParams(p1);
});
