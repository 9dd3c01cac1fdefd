// Tiny networks, batches and shared checks for the forward / Jacobian proxy tests (jacob_cov, epe_nas, naswot,
// zen, ntk, linear_regions, nn_mass). Small enough for the pure-JS cpu backend.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { ParamMap } from '../../src/graph/execute.js';
import type { Graph } from '../../src/graph/ir.js';
import { scoreArch } from '../../src/proxies/score.js';
import type { CalibrationBatch, Proxy } from '../../src/proxies/types.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';

export const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** input [4,4,3] -> conv3x3 (pad 1, 3 filters, no bias) -> BN -> ReLU (= preGap) -> GAP -> dense(classes, bias). */
export function convBnNet(classes = 3): Graph {
  const g = new GraphBuilder('conv-bn', [4, 4, 3], classes);
  g.add('conv', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 3, bias: false }, ['input']);
  g.add('bn', BN, ['conv']);
  g.add('relu', { op: 'relu' }, ['bn']);
  g.add('gap', { op: 'global_avg_pool' }, ['relu']);
  g.add('fc', { op: 'dense', units: classes, bias: true }, ['gap']);
  return g.build('fc', 'relu');
}

/** The same network written with plain tf ops: BN-normalised conv output (the ReLU input) and logits. */
export function convBnManual(params: ParamMap, x: tf.Tensor4D): { z: tf.Tensor; logits: tf.Tensor } {
  const conv = tf.conv2d(x, params['conv.weight'] as tf.Tensor4D, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const { mean, variance } = tf.moments(conv, [0, 1, 2]);
  const z = tf.add(tf.mul(tf.div(tf.sub(conv, mean), tf.sqrt(tf.add(variance, 1e-5))), params['bn.gamma']), params['bn.beta']);
  const pooled = tf.mean(tf.relu(z), [1, 2]);
  return { z, logits: tf.add(tf.matMul(pooled, params['fc.weight'] as tf.Tensor2D), params['fc.bias']) };
}

/** A real NB201 network, shrunk: C = 2 channels, one cell per stage (32x32 CIFAR input). */
export function tinyNb201(arch = '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|'): Graph {
  return buildNb201(arch, 'cifar10', 2, 1);
}

export function batchFor(graph: Graph, n: number, seed = 7): CalibrationBatch {
  return gaussianBatch(seed, n, graph.inputShape, graph.numClasses);
}

export function inputOf(b: CalibrationBatch): tf.Tensor4D {
  return tf.tensor4d(b.images, [b.n, b.height, b.width, 3]);
}

/** Two scoreArch runs with the same seed give the same bits, and no tensor outlives them. */
export async function assertDeterministicNoLeak(graph: Graph, proxy: Proxy, options: Record<string, unknown>,
  batches: CalibrationBatch[], seed = 5): Promise<number> {
  const before = tf.memory().numTensors;
  const a = await scoreArch(graph, graph.name, [{ proxy, options }], seed, batches);
  const mid = tf.memory().numTensors;
  const b = await scoreArch(graph, graph.name, [{ proxy, options }], seed, batches);
  assert.equal(a[0].status === 'error' ? a[0].error : a[0].status, b[0].status === 'error' ? b[0].error : b[0].status);
  assert.ok(Object.is(a[0].value, b[0].value), `${proxy.name}: ${a[0].value} vs ${b[0].value}`);
  assert.equal(mid, before, `${proxy.name} leaked ${mid - before} tensors`);
  assert.equal(tf.memory().numTensors, before);
  return a[0].value;
}

/**
 * One proxy through the real runner: the value, failing the test on an 'error' row. Gradient passes on tfjs, so
 * that the value can be checked bit for bit against tfjs calls (test/proxies/proxy-engine-*.test.ts compare engines).
 */
export async function scoreOne(graph: Graph, proxy: Proxy, options: Record<string, unknown>,
  batches: CalibrationBatch[], seed = 5): Promise<number> {
  const [row] = await scoreArch(graph, graph.name, [{ proxy, options }], seed, batches, 'pytorch', 'tfjs');
  assert.notEqual(row.status, 'error', row.error);
  return row.value;
}

export function relClose(actual: number, expected: number, tol: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), 1e-300), `${what} ${actual} vs ${expected}`);
}
