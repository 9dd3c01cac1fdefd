// Each op's backward rule on onnxruntime equals tfjs autodiff (cpu backend) on a tiny graph that isolates it:
// every weight gradient and the input gradient, to 2e-5 of the gradient's largest entry (float32 sums in two
// engines), and the loss to 1e-6. Graphs feed the op under test through a conv and read it out through a dense.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { compareWithTfjs } from './onnx-grad-helpers.js';
import { CASES } from './onnx-grad-op-cases.js';

const TOL = 2e-5;

for (const [name, graph] of CASES) {
  test(`onnxruntime backward = tfjs autodiff: ${name}`, async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const r = await compareWithTfjs(graph, 5);
    assert.ok(Math.abs(r.lossOrt - r.lossTfjs) <= 1e-6 * Math.abs(r.lossTfjs), `loss ${r.lossOrt} vs ${r.lossTfjs}`);
    for (const [w, rel] of r.rel) assert.ok(rel <= TOL, `${w}: relative difference ${rel.toExponential(2)}`);
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  });
}

test('the sum-of-logits loss (input Jacobians) gives tfjs autodiff\'s gradients too', async () => {
  await tf.setBackend('cpu');
  const r = await compareWithTfjs(CASES.find(([n]) => n === 'relu')![1], 4, 'sum-logits'); // relu: no BN, whose batch-summed output has a zero input gradient
  for (const [w, rel] of r.rel) assert.ok(rel <= TOL, `${w}: relative difference ${rel.toExponential(2)}`);
  assert.ok(Math.abs(r.lossOrt - r.lossTfjs) <= 1e-5 * Math.max(1, Math.abs(r.lossTfjs)), `loss ${r.lossOrt} vs ${r.lossTfjs}`);
});
