// Each IR op's Hessian-vector product on onnxruntime (the tangent model of its forward and backward,
// onnx-grad/tangent.ts) equals tfjs's exact double backprop (grasp.ts exactHessianGrad) on the tiny graphs of the
// backward tests, with a random direction on every conv/dense weight: every H·v within 5e-6 of its largest entry (measured: ≤ 9e-7),
// and Σ W ⊙ Hv (GraSP's sum) within 5e-6 of Σ |W ⊙ Hv|. ReLU6's and leaky ReLU's patterns, BN's statistics, pools,
// concat, zero and flatten each come in at least once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { CASES } from './onnx-grad-op-cases.js';
import { compareHvpWithTfjs } from './onnx-hvp-helpers.js';

const TOL = 5e-6;

for (const [name, graph] of CASES) {
  test(`onnxruntime H·v = tfjs double backprop: ${name}`, async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const r = await compareHvpWithTfjs(graph, 5);
    for (const [w, rel] of r.rel) assert.ok(rel <= TOL, `${w}: relative difference ${rel.toExponential(2)}`);
    assert.ok(Math.abs(r.dotOrt - r.dotTfjs) <= TOL * r.absTfjs, `Σ W·Hv ${r.dotOrt} vs ${r.dotTfjs} (Σ|terms| ${r.absTfjs})`);
    assert.ok(r.released, 'session released');
    assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  });
}
