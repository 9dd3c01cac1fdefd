// Zen-score's forwards on onnxruntime (onnx-grad/zen-model.ts) against tfjs on the same Gaussian weights and
// noise: the score within 1e-5 (a difference of two forwards 1e-2 apart, summed in different orders), with the
// running statistics carried over repeats as on tfjs (repeats: 2); the row names its engine; a network with an op
// that has no onnxruntime rule falls back to tfjs saying why; no tensors left behind.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import type { Graph } from '../../src/graph/ir.js';
import { scoreArch } from '../../src/proxies/score.js';
import { getProxy } from '../../src/proxies/index.js';
import { batches, mbconvMacro, relErr, sigmoidNet, useCpu } from './grad-helpers.js';

before(useCpu);

async function both(graph: Graph, options: Record<string, unknown>) {
  const runs = [{ proxy: getProxy('zen'), options: { ...getProxy('zen').defaults, ...options } }];
  const before = tf.memory().numTensors;
  const [ort] = await scoreArch(graph, graph.name, runs, 4, [], 'pytorch', 'onnxruntime');
  const [tfjs] = await scoreArch(graph, graph.name, runs, 4, [], 'pytorch', 'tfjs');
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  assert.equal(ort.status, 'ok', ort.error);
  assert.equal(tfjs.status, 'ok', tfjs.error);
  assert.equal(ort.engine, 'onnxruntime');
  assert.equal(tfjs.engine, 'tfjs');
  assert.ok(relErr(ort.value, tfjs.value) <= 1e-5, `onnxruntime ${ort.value} vs tfjs ${tfjs.value}`);
}

test('NB201 cells with a dead branch, two repeats (running statistics carried over): onnxruntime equals tfjs', async () => {
  await both(buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|', 'cifar10', 4, 1),
    { batch: 6, repeats: 2 });
});

test('macro model (ReLU6, depthwise, residual): onnxruntime equals tfjs', async () => {
  await both(mbconvMacro(), { batch: 4 });
});

test('an op without an onnxruntime rule: zen runs on tfjs under auto and says why', async () => {
  const g = sigmoidNet();
  const [row] = await scoreArch(g, 'sig', [{ proxy: getProxy('zen'), options: { ...getProxy('zen').defaults, batch: 4 } }], 1, batches(g, 4), 'pytorch', 'auto');
  assert.equal(row.engine, 'tfjs');
  assert.match(row.engineNote ?? '', /no onnxruntime backward rule for sigmoid/);
});
