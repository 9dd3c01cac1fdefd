// Tiny networks, batches and common checks for the gradient-proxy tests (snip, plain, grasp, fisher, synflow,
// zico, grad_sign, knas, l2_norm). Small enough for the pure-JS cpu backend.
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { buildMacro } from '../../src/spaces/macro/network.js';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import type { Graph } from '../../src/graph/ir.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { ArchContext } from '../../src/proxies/context.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { scoreArch } from '../../src/proxies/score.js';
import type { CalibrationBatch, Proxy } from '../../src/proxies/types.js';

const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** conv3x3-BN-ReLU, then a stride-2 conv (with bias) added to an avg-pooled shortcut, ReLU, GAP, dense. */
export function tinyConvNet(classes = 5): Graph {
  const g = new GraphBuilder('tiny-conv', [6, 6, 3], classes);
  g.add('c1', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 4, bias: false }, ['input']);
  g.add('b1', BN, ['c1']);
  g.add('r1', { op: 'relu' }, ['b1']);
  g.add('c2', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: [1, 1, 1, 1], filters: 4, bias: true }, ['r1']);
  g.add('p', { op: 'avg_pool', size: 2, stride: 2, pad: [0, 0, 0, 0] }, ['r1']);
  g.add('a', { op: 'add' }, ['c2', 'p']);
  g.add('r2', { op: 'relu' }, ['a']);
  g.add('gap', { op: 'global_avg_pool' }, ['r2']);
  g.add('fc', { op: 'dense', units: classes, bias: true }, ['gap']);
  return g.build('fc', 'r2');
}

/** flatten-dense-BN-ReLU-dense: every op has a second derivative in tfjs, so exact Hessian products work. */
export function tinyMlp(classes = 4): Graph {
  const g = new GraphBuilder('tiny-mlp', [2, 2, 3], classes);
  g.add('flat', { op: 'flatten' }, ['input']);
  g.add('d1', { op: 'dense', units: 8, bias: true }, ['flat']);
  g.add('bn', BN, ['d1']);
  g.add('relu', { op: 'relu' }, ['bn']);
  g.add('d2', { op: 'dense', units: classes, bias: true }, ['relu']);
  return g.build('d2', 'relu');
}

/** conv -> sigmoid -> GAP -> dense: sigmoid has no onnxruntime backward rule, so gradient passes fall back to tfjs. */
export function sigmoidNet(): Graph {
  const g = new GraphBuilder('sig', [8, 8, 3], 4);
  g.add('c', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 4, bias: true }, ['input']);
  g.add('s', { op: 'sigmoid' }, ['c']);
  g.add('p', { op: 'global_avg_pool' }, ['s']);
  g.add('fc', { op: 'dense', units: 4, bias: true }, ['p']);
  return g.build('fc', 's');
}

export function batches(graph: Graph, n: number, count = 1, seed = 7): CalibrationBatch[] {
  return Array.from({ length: count }, (_, b) => gaussianBatch(seed + 101 * b, n, graph.inputShape, graph.numClasses));
}

/** A context whose gradient passes run on tfjs, to be checked bit for bit against tf.grads (engines: proxy-engine-*.test.ts). */
export function context(graph: Graph, bs: CalibrationBatch[], seed = 3): ArchContext {
  return new ArchContext(graph, graph.name, seed, bs, 'pytorch', 'tfjs');
}

/** Mean CE loss of the graph on batch 0 of a context, train-mode BN. */
export function lossOf(graph: Graph, params: ParamMap, x: tf.Tensor, y: tf.Tensor): number {
  return tf.tidy(() => crossEntropy(execute(graph, params, x).logits, y).dataSync()[0]);
}

/** Values of a tensor as float64. */
export function f64(t: tf.Tensor): Float64Array {
  return Float64Array.from(t.dataSync());
}

/** The proxy through scoreArch twice: status ok, identical bits, no tensors left behind. Returns the value. */
export async function deterministicNoLeak(proxy: Proxy, graph: Graph, bs: CalibrationBatch[],
  options: Record<string, unknown> = proxy.defaults): Promise<number> {
  const before = tf.memory().numTensors;
  const [a] = await scoreArch(graph, graph.name, [{ proxy, options }], 11, bs);
  const afterFirst = tf.memory().numTensors;
  const [b] = await scoreArch(graph, graph.name, [{ proxy, options }], 11, bs);
  assert.equal(a.status, 'ok', `${proxy.name}: ${a.error ?? a.status}`);
  assert.ok(Object.is(a.value, b.value), `${proxy.name}: ${a.value} then ${b.value} with the same seed`);
  assert.equal(afterFirst, before, `${proxy.name} leaked ${afterFirst - before} tensors`);
  assert.equal(tf.memory().numTensors, before);
  return a.value;
}

export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
}

/** A small macro model with ReLU6, depthwise convs and a residual block, 16x16 inputs, 10 classes. */
export function mbconvMacro(): Graph {
  return buildMacro({
    name: 'm', stem: { kernel: 3, width: 8, stride: 2 }, head: { width: 24 },
    stages: [
      { block: 'residual', kernel: 3, expansion: 1, width: 8, depth: 1, stride: 1 },
      { block: 'mbconv', kernel: 5, expansion: 4, width: 16, depth: 2, stride: 2 },
    ],
  }, [16, 16, 3], 10);
}
