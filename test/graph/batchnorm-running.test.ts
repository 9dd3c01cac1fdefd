// Train-mode BN normalises with the biased batch variance and updates running stats as PyTorch does
// (momentum 0.1, unbiased variance); running mode then uses those statistics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { execute, newRunningStats } from '../../src/graph/execute.js';

function bnGraph() {
  const g = new GraphBuilder('bn', [1, 1, 1], 1);
  g.add('bn', { op: 'batchnorm', affine: false, eps: 1e-5, momentum: 0.1 }, ['input']);
  g.add('flat', { op: 'flatten' }, ['bn']);
  return g.build('flat', 'bn');
}

test('train mode: batch statistics, and the EMA of the unbiased variance', async () => {
  await tf.setBackend('cpu');
  const running = newRunningStats();
  const x = tf.tensor4d([1, 2, 3, 6], [4, 1, 1, 1]); // mean 3, biased var 3.5, unbiased var 14/3
  const y = tf.tidy(() => execute(bnGraph(), {}, x, { bn: 'train', running }).logits.dataSync());
  const s = Math.sqrt(3.5 + 1e-5);
  [1, 2, 3, 6].forEach((v, i) => assert.ok(Math.abs(y[i] - (v - 3) / s) < 1e-6));
  assert.ok(Math.abs(running.mean.get('bn')![0] - 0.3) < 1e-6);
  assert.ok(Math.abs(running.variance.get('bn')![0] - (0.9 + 0.1 * 14 / 3)) < 1e-6);
  // A second pass: rv = 0.81 * 1 + 0.09 * v1 + 0.1 * v2 (the Zen-score bookkeeping).
  tf.tidy(() => execute(bnGraph(), {}, tf.tensor4d([0, 0, 4, 4], [4, 1, 1, 1]), { bn: 'train', running }));
  assert.ok(Math.abs(running.variance.get('bn')![0] - (0.81 + 0.09 * 14 / 3 + 0.1 * 16 / 3)) < 1e-5);
  // Running mode uses them.
  const r = tf.tidy(() => execute(bnGraph(), {}, tf.tensor4d([5], [1, 1, 1, 1]), { bn: 'running', running }).logits.dataSync());
  const rm = running.mean.get('bn')![0], rv = running.variance.get('bn')![0];
  assert.ok(Math.abs(r[0] - (5 - rm) / Math.sqrt(rv + 1e-5)) < 1e-5);
  x.dispose();
});
