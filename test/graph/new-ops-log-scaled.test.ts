// SynFlow's log-scaled execution stays exact through the ops added for ONNX models: the product of two rescaled
// tensors (SE gates, SiLU) carries both factors, saturating activations (sigmoid, hard sigmoid) see the true
// values, hard swish and scale_shift keep the factor. logits * exp(logScale) = plain logits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { execute } from '../../src/graph/execute.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import { newOpsGraph } from './new-ops-graph.js';

for (const factor of [1, 30]) {
  test(`rescaled logits equal plain logits through the new ops (|weights| x ${factor})`, async () => {
    await tf.setBackend('cpu');
    const g = newOpsGraph();
    const p = initParams(g, 5, 'log-scaled');
    const big = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tf.mul(tf.abs(v), factor)]));
    const x = tf.ones([1, 8, 8, 3]);
    const plain = tf.tidy(() => execute(g, big, x, { bn: 'identity' }).logits.dataSync());
    const scaled = execute(g, big, x, { bn: 'identity', logScaled: true });
    const v = scaled.logits.dataSync();
    assert.ok(scaled.logScale !== 0, 'the run was rescaled');
    for (let i = 0; i < v.length; i++) {
      const rel = Math.abs(v[i] * Math.exp(scaled.logScale) - plain[i]) / Math.abs(plain[i]);
      assert.ok(rel < 1e-4, `logit ${i}: ${v[i] * Math.exp(scaled.logScale)} vs ${plain[i]} (relative error ${rel})`);
    }
    scaled.logits.dispose();
    tf.dispose([x, ...Object.values(big)]);
    disposeParams(p);
  });
}
