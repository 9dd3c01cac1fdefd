// naswot: K and log|det K| on hand-built codes, the tf accumulation equal to the hand one (zero counts as "off"),
// singular K -> -inf, codes from a tiny network computed by hand, ReLU invocation count on NB201, determinism.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { disposeParams, initParams } from '../../src/graph/init.js';
import naswot, { naswotScore } from '../../src/proxies/naswot.js';
import { accumulateCodes, kernelFromCodes, reluKernel } from '../../src/proxies/passes/relu-codes.js';
import { assertDeterministicNoLeak, batchFor, convBnManual, convBnNet, inputOf, relClose, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

test('hand codes: K = N_A - Hamming, det by hand', () => {
  // c1 = 101, c2 = 110, c3 = 001: Hamming 2, 1, 3 -> K = [[3,1,2],[1,3,0],[2,0,3]], det = 27 - 3 - 12 = 12
  const kern = kernelFromCodes([[[1, 0, 1]], [[1, 1, 0]], [[0, 0, 1]]]);
  assert.deepEqual([...kern.k.data], [3, 1, 2, 1, 3, 0, 2, 0, 3]);
  assert.equal(kern.codeLength, 3);
  relClose(naswotScore(kern), Math.log(12), 1e-14);
  // A second ReLU (2 units: 10, 10, 01) adds [[2,2,0],[2,2,0],[0,0,2]]: K = [[5,3,2],[3,5,0],[2,0,5]],
  const two = kernelFromCodes([[[1, 0, 1], [1, 0]], [[1, 1, 0], [1, 0]], [[0, 0, 1], [0, 1]]]);
  assert.deepEqual([...two.k.data], [5, 3, 2, 3, 5, 0, 2, 0, 5]);
  // det = 5(25) - 3(15) + 2(-10) = 60
  relClose(naswotScore(two), Math.log(60), 1e-14);
});

test('tf accumulation of ReLU inputs equals the hand kernel; z = 0 and z < 0 are both "off"', () => {
  const z = tf.tensor2d([[0.5, 0, 2, -1], [1, 3, -2, 0], [-0.1, 0, 4, 5]]);
  const data = new Float64Array(9);
  assert.equal(accumulateCodes(data, 3, z), 4);
  const hand = kernelFromCodes([[[1, 0, 1, 0]], [[1, 1, 0, 0]], [[0, 0, 1, 1]]]);
  assert.deepEqual([...data], [...hand.k.data]);
  z.dispose();
});

test('two samples with identical codes: singular K, -Infinity', () => {
  assert.equal(naswotScore(kernelFromCodes([[[1, 0, 1]], [[1, 0, 1]], [[0, 1, 1]]])), -Infinity);
});

test('tiny conv-BN-ReLU network: runner value = log det of the hand-computed codes', async () => {
  const graph = convBnNet();
  const b = batchFor(graph, 6, 4);
  const value = await scoreOne(graph, naswot, { samples: 6 }, [b], 9);
  const params = initParams(graph, 9, graph.name, 'pytorch');
  const x = inputOf(b);
  const z = tf.tidy(() => convBnManual(params, x).z);
  const zs = z.arraySync() as number[][][][];
  const codes = zs.map((s) => [s.flat(2).map((v) => (v > 0 ? 1 : 0))]);
  const expected = naswotScore(kernelFromCodes(codes));
  relClose(value, expected, 1e-12);
  assert.ok(Number.isFinite(value));
  z.dispose();
  x.dispose();
  disposeParams(params);
});

test('NB201: every ReLU node invocation counts (code length = sum of their units)', () => {
  const graph = tinyNb201();
  const relus = graph.nodes.filter((n) => n.op === 'relu');
  const params = initParams(graph, 1, 'x', 'pytorch');
  const b = batchFor(graph, 4);
  const x = inputOf(b);
  const kern = reluKernel(graph, params, x);
  assert.equal(kern.relus, relus.length);
  assert.equal(kern.codeLength, relus.reduce((a, n) => a + n.shape.reduce((p, q) => p * q, 1), 0));
  for (let i = 0; i < 4; i++) assert.equal(kern.k.data[i * 5], kern.codeLength, 'diagonal = code length');
  x.dispose();
  disposeParams(params);
});

test('same seed, same bits; no tensor leak', async () => {
  const graph = tinyNb201();
  const v = await assertDeterministicNoLeak(graph, naswot, { samples: 8 }, [batchFor(graph, 8)]);
  assert.ok(Number.isFinite(v));
});
