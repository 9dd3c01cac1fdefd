// epe_nas: NASLib's per-class score on a hand-built Jacobian with labels (<= 100 and > 100 classes), and the
// runner's value = that score on the shared input Jacobian of the calibration batch.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { disposeParams, initParams } from '../../src/graph/init.js';
import epeNas, { epeNasScore } from '../../src/proxies/epe_nas.js';
import { inputJacobian } from '../../src/proxies/passes/jacobian.js';
import { assertDeterministicNoLeak, batchFor, relClose, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

const k = 1e-5;
before(useCpu);

// Rows: class 0 = [1,2,3], [1,2,4] (rho = 9/sqrt 84); class 1 = [1,2,3], [3,2,1] (rho = -1); class 2 = one row.
const J = { rows: Float32Array.from([1, 2, 3, 1, 2, 3, 1, 2, 4, 3, 2, 1, 5, 1, 1]), n: 5, d: 3 };
const labels = [0, 1, 0, 1, 2];
const rho = 9 / Math.sqrt(84);
const s0 = 2 * Math.log(1 + k) + 2 * Math.log(rho + k);
const s1 = 4 * Math.log(1 + k);
const s2 = Math.log(1 + k);

test('<= 100 classes: sum over classes of |sum_ij log(|corr_ij| + k)|', () => {
  relClose(epeNasScore(J, labels, 10), Math.abs(s0) + Math.abs(s1) + Math.abs(s2), 1e-9);
});

test('> 100 classes: s_c / n_c, pairwise |s_c - s_c\'| / #classes; single-sample classes skipped (NASLib)', () => {
  const a = s0 / 2, b = s1 / 2;
  relClose(epeNasScore(J, labels, 120), (2 * Math.abs(a - b)) / 2, 1e-9);
});

test('label order does not matter (grouping by class)', () => {
  const perm = [4, 2, 0, 3, 1];
  const rows = new Float32Array(15);
  perm.forEach((src, dst) => rows.set(J.rows.subarray(src * 3, src * 3 + 3), dst * 3));
  relClose(epeNasScore({ rows, n: 5, d: 3 }, perm.map((p) => labels[p]), 10), epeNasScore(J, labels, 10), 1e-12);
});

test('runner value = the score of the shared Jacobian with the batch labels', async () => {
  const graph = tinyNb201();
  const b = batchFor(graph, 12, 3);
  const value = await scoreOne(graph, epeNas, { samples: 12 }, [b], 5);
  const params = initParams(graph, 5, graph.name, 'pytorch');
  const x = tf.tensor4d(b.images, [12, 32, 32, 3]);
  const expected = epeNasScore(inputJacobian(graph, params, x), b.labels, 10);
  assert.ok(Object.is(value, expected), `${value} vs ${expected}`);
  assert.ok(value > 0 && Number.isFinite(value));
  x.dispose();
  disposeParams(params);
});

test('same seed, same bits; no tensor leak', async () => {
  const graph = tinyNb201();
  await assertDeterministicNoLeak(graph, epeNas, { samples: 8 }, [batchFor(graph, 8)]);
});
