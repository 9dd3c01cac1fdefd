// jacob_cov: the score on hand-built Jacobians (closed forms), the executor's input Jacobian against finite
// differences (train-mode BN couples the batch), the runner's value = the score of that Jacobian, determinism.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute } from '../../src/graph/execute.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import jacobCov, { jacobCovScore } from '../../src/proxies/jacob_cov.js';
import { inputJacobian, segmentGraph } from '../../src/proxies/passes/jacobian.js';
import { assertDeterministicNoLeak, batchFor, convBnNet, inputOf, relClose, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

const k = 1e-5;
const term = (l: number) => Math.log(l + k) + 1 / (l + k);

before(useCpu);

test('uncorrelated rows: corrcoef = I, score = -3 (log(1+k) + 1/(1+k))', () => {
  const rows = Float32Array.from([1, -1, 0, 0, 0, 0, 1, -1, 1, 1, -1, -1]);
  relClose(jacobCovScore({ rows, n: 3, d: 4 }), -3 * term(1), 1e-12);
});

test('two rows with correlation rho: eigenvalues 1 +- rho', () => {
  const rho = 9 / Math.sqrt(84); // [1,2,3] vs [1,2,4]
  relClose(jacobCovScore({ rows: Float32Array.from([1, 2, 3, 1, 2, 4]), n: 2, d: 3 }), -(term(1 - rho) + term(1 + rho)), 1e-9);
});

test('perfectly correlated rows: eigenvalues 0 and 2 (the 0 dominates through 1/k)', () => {
  const v = jacobCovScore({ rows: Float32Array.from([1, 2, 3, 2, 4, 6]), n: 2, d: 3 });
  relClose(v, -(term(0) + term(2)), 1e-6);
});

test('a zero Jacobian row (output independent of that sample) gives NaN', () => {
  assert.ok(Number.isNaN(jacobCovScore({ rows: Float32Array.from([0, 0, 0, 1, 2, 3]), n: 2, d: 3 })));
});

test('executor input Jacobian of the batch logit sum matches central finite differences', () => {
  const graph = convBnNet();
  const params = initParams(graph, 1, 'fd', 'pytorch');
  const b = batchFor(graph, 3, 2);
  const x = inputOf(b);
  const j = inputJacobian(graph, params, x);
  const f = (v: Float32Array) => tf.tidy(() =>
    tf.sum(execute(graph, params, tf.tensor4d(v, x.shape), { bn: 'train' }).logits).dataSync()[0]);
  const h = 1e-2;
  let err = 0, norm = 0;
  const v = Float32Array.from(b.images);
  for (let i = 0; i < v.length; i++) {
    const keep = v[i];
    v[i] = keep + h; const up = f(v);
    v[i] = keep - h; const down = f(v);
    v[i] = keep;
    const fd = (up - down) / (2 * h);
    err += (fd - j.rows[i]) ** 2;
    norm += fd ** 2;
  }
  assert.equal(j.n, 3);
  assert.equal(j.d, 48);
  assert.ok(Math.sqrt(err / norm) < 2e-2, `relative L2 error ${Math.sqrt(err / norm)}`);
  x.dispose();
  disposeParams(params);
});

test('checkpointed Jacobian (cut at cell outputs) = one tf.grad over the whole tiny NB201 network', () => {
  const graph = tinyNb201();
  assert.ok(segmentGraph(graph).length >= 5, 'cut into several segments');
  const params = initParams(graph, 3, 'seg', 'pytorch');
  const x = inputOf(batchFor(graph, 4));
  const j = inputJacobian(graph, params, x);
  const whole = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(execute(graph, params, v, { bn: 'train' }).logits))(x));
  const w = whole.dataSync();
  let err = 0, norm = 0;
  for (let i = 0; i < w.length; i++) { err += (w[i] - j.rows[i]) ** 2; norm += w[i] ** 2; }
  assert.ok(norm > 0 && Math.sqrt(err / norm) < 1e-5, `relative L2 ${Math.sqrt(err / norm)}`);
  tf.dispose([whole, x]);
  disposeParams(params);
});

test('runner value = score of the input Jacobian at the seeded PyTorch init; samples caps the batch', async () => {
  const graph = tinyNb201();
  const b = batchFor(graph, 10);
  const value = await scoreOne(graph, jacobCov, { samples: 6 }, [b], 5);
  const params = initParams(graph, 5, graph.name, 'pytorch');
  const x = tf.tensor4d(b.images.subarray(0, 6 * 32 * 32 * 3), [6, 32, 32, 3]);
  const expected = jacobCovScore(inputJacobian(graph, params, x));
  assert.ok(Object.is(value, expected), `${value} vs ${expected}`);
  assert.ok(value < 0 && Number.isFinite(value));
  // samples above the batch size use the whole batch (10), a different value
  const all = await scoreOne(graph, jacobCov, { samples: 64 }, [b], 5);
  assert.notEqual(all, value);
  x.dispose();
  disposeParams(params);
});

test('same seed, same bits; no tensor leak', async () => {
  const graph = tinyNb201();
  await assertDeterministicNoLeak(graph, jacobCov, { samples: 8 }, [batchFor(graph, 8)]);
});
