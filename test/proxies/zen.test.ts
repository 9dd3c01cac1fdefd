// zen: PyTorch's running-variance bookkeeping over the two forwards (0.81 / 0.09 / 0.1), Delta and the BN term on
// a tiny network computed by hand, the runner's value, repeats carrying the running stats, determinism.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { newRunningStats } from '../../src/graph/execute.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import zen, { zenNoise, zenRepeatKey, zenTerms } from '../../src/proxies/zen.js';
import { assertDeterministicNoLeak, BN, convBnManual, convBnNet, relClose, scoreOne, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

/** Per-channel mean and unbiased variance of an NHWC array, float64. */
function channelStats(v: ArrayLike<number>, c: number): { mean: number[]; uvar: number[] } {
  const count = v.length / c;
  const mean = Array.from({ length: c }, (_, k) => { let s = 0; for (let i = k; i < v.length; i += c) s += v[i]; return s / count; });
  const uvar = mean.map((m, k) => { let s = 0; for (let i = k; i < v.length; i += c) s += (v[i] - m) ** 2; return s / (count - 1); });
  return { mean, uvar };
}

test('running stats after the two forwards: rv = 0.81 + 0.09 v1 + 0.1 v2, rm = 0.09 m1 + 0.1 m2', () => {
  const g = new GraphBuilder('bn-only', [2, 2, 3], 2);
  g.add('bn', BN, ['input']);
  g.add('relu', { op: 'relu' }, ['bn']);
  g.add('gap', { op: 'global_avg_pool' }, ['relu']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'relu');
  const params = initParams(graph, 1, 'bn', 'gaussian');
  const x = zenNoise(graph, 5, 1, 'bn', 0, 'x');
  const eps = zenNoise(graph, 5, 1, 'bn', 0, 'eps');
  const alpha = 0.5;
  const running = newRunningStats();
  zenTerms(graph, params, x, eps, alpha, running);
  const xv = x.dataSync(), ev = eps.dataSync();
  const s1 = channelStats(xv, 3), s2 = channelStats(xv.map((v, i) => v + alpha * ev[i]), 3);
  const rv = running.variance.get('bn')!, rm = running.mean.get('bn')!;
  for (let k = 0; k < 3; k++) {
    relClose(rv[k], 0.81 + 0.09 * s1.uvar[k] + 0.1 * s2.uvar[k], 1e-5, `rv[${k}]`);
    assert.ok(Math.abs(rm[k] - (0.09 * s1.mean[k] + 0.1 * s2.mean[k])) < 1e-6, `rm[${k}]`);
  }
  x.dispose(); eps.dispose(); disposeParams(params);
});

test('conv-BN-ReLU: Delta = mean_b sum |f(x) - f(x + a eps)| and log sqrt(mean rv), by hand', () => {
  const graph = convBnNet();
  const params = initParams(graph, 2, 'zen', 'gaussian');
  const n = 4, alpha = 0.01;
  const x = zenNoise(graph, n, 2, 'zen', 0, 'x');
  const eps = zenNoise(graph, n, 2, 'zen', 0, 'eps');
  const got = zenTerms(graph, params, x, eps, alpha, newRunningStats());
  const [f1, f2, conv1, conv2] = tf.tidy(() => {
    const x2 = tf.add(x, tf.mul(eps, alpha)) as tf.Tensor4D;
    const a = convBnManual(params, x), b = convBnManual(params, x2);
    const conv = (t: tf.Tensor4D) => tf.conv2d(t, params['conv.weight'] as tf.Tensor4D, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]);
    return [tf.relu(a.z), tf.relu(b.z), conv(x), conv(x2)];
  });
  const a = f1.dataSync(), b = f2.dataSync();
  let delta = 0;
  for (let i = 0; i < a.length; i++) delta += Math.abs(a[i] - b[i]);
  delta /= n;
  const v1 = channelStats(conv1.dataSync(), 3).uvar, v2 = channelStats(conv2.dataSync(), 3).uvar;
  const meanRv = [0, 1, 2].reduce((s, k) => s + 0.81 + 0.09 * v1[k] + 0.1 * v2[k], 0) / 3;
  relClose(got.delta, delta, 1e-4, 'delta');
  relClose(got.logBn, Math.log(Math.sqrt(meanRv)), 1e-5, 'logBn');
  relClose(got.score, Math.log(delta) + Math.log(Math.sqrt(meanRv)), 1e-5, 'score');
  tf.dispose([f1, f2, conv1, conv2, x, eps]);
  disposeParams(params);
});

test('runner value = zenTerms at the seeded Gaussian init and noise; repeats carry the running stats', async () => {
  const graph = tinyNb201();
  const seed = 5, n = 4;
  const one = await scoreOne(graph, zen, { batch: n, alpha: 0.01, repeats: 1 }, [], seed);
  const two = await scoreOne(graph, zen, { batch: n, alpha: 0.01, repeats: 2 }, [], seed);
  const running = newRunningStats();
  const scores: number[] = [];
  for (let r = 0; r < 2; r++) {
    const params = initParams(graph, seed, r === 0 ? graph.name : zenRepeatKey(graph.name, r), 'gaussian');
    const x = zenNoise(graph, n, seed, graph.name, r, 'x');
    const eps = zenNoise(graph, n, seed, graph.name, r, 'eps');
    scores.push(zenTerms(graph, params, x, eps, 0.01, running).score);
    x.dispose(); eps.dispose(); disposeParams(params);
  }
  assert.ok(Object.is(one, scores[0]), `${one} vs ${scores[0]}`);
  relClose(two, (scores[0] + scores[1]) / 2, 1e-12);
  const bnCount = graph.nodes.filter((nd) => nd.op === 'batchnorm').length;
  assert.ok(bnCount > 10 && Number.isFinite(one));
});

test('same seed, same bits; no tensor leak', async () => {
  const graph = tinyNb201();
  await assertDeterministicNoLeak(graph, zen, { batch: 4, alpha: 0.01, repeats: 1 }, []);
});
