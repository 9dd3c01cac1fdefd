// logScaled execution is exact: logits * exp(logScale) equals the plain logits, also where the plain values
// overflow float32 they stay finite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { execute } from '../../src/graph/execute.js';
import { initParams, disposeParams } from '../../src/graph/init.js';

const ARCH = '|nor_conv_3x3~0|+|avg_pool_3x3~0|skip_connect~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|';

test('rescaled logits times exp(logScale) equal the unscaled logits (BN removed, |weights|)', async () => {
  await tf.setBackend('cpu');
  const g = buildNb201(ARCH, 'cifar10', 4, 1);
  const p = initParams(g, 3, ARCH);
  const abs = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tf.abs(v)]));
  const x = tf.ones([1, 32, 32, 3]);
  const plain = tf.tidy(() => execute(g, abs, x, { bn: 'identity' }).logits.dataSync());
  const scaled = execute(g, abs, x, { bn: 'identity', logScaled: true });
  const v = scaled.logits.dataSync();
  for (let i = 0; i < v.length; i++) {
    const rel = Math.abs(v[i] * Math.exp(scaled.logScale) - plain[i]) / Math.abs(plain[i]);
    assert.ok(rel < 1e-5, `logit ${i}: relative error ${rel}`);
  }
  assert.ok(Math.abs(Math.max(...Array.from(v, Math.abs)) - 1) < 1e-6, 'scaled logits have max |.| = 1');
  scaled.logits.dispose();
  tf.dispose([x, ...Object.values(abs)]);
  disposeParams(p);
});

test('values beyond float32 stay finite on the log scale', async () => {
  await tf.setBackend('cpu');
  const g = buildNb201(ARCH, 'cifar10', 4, 1);
  const p = initParams(g, 3, ARCH);
  const big = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, tf.mul(tf.abs(v), 1e6)]));
  const x = tf.ones([1, 32, 32, 3]);
  const plain = tf.tidy(() => execute(g, big, x, { bn: 'identity' }).logits.dataSync());
  assert.ok(plain.some((v) => !Number.isFinite(v)), 'the unscaled run overflows');
  const scaled = execute(g, big, x, { bn: 'identity', logScaled: true });
  assert.ok(scaled.logits.dataSync().every(Number.isFinite));
  assert.ok(scaled.logScale / Math.LN10 > 38, `log10 scale ${scaled.logScale / Math.LN10}`);
  scaled.logits.dispose();
  tf.dispose([x, ...Object.values(big)]);
  disposeParams(p);
});

test('ReLU6 saturates at the true 6 under rescaling', async () => {
  await tf.setBackend('cpu');
  const { GraphBuilder } = await import('../../src/graph/builder.js');
  const g = new GraphBuilder('r6', [1, 1, 2], 2);
  g.add('flat', { op: 'flatten' }, ['input']);
  g.add('d1', { op: 'dense', units: 3, bias: false }, ['flat']);
  g.add('act', { op: 'relu6' }, ['d1']);
  g.add('d2', { op: 'dense', units: 2, bias: false }, ['act']);
  const graph = g.build('d2', 'act');
  // d1 outputs 2, 8, 40 on input (1, 1): ReLU6 gives 2, 6, 6; d2 sums -> (14, 28).
  const params = { 'd1.weight': tf.tensor2d([[1, 3, 20], [1, 5, 20]]), 'd2.weight': tf.tensor2d([[1, 2], [1, 2], [1, 2]]) };
  const x = tf.ones([1, 1, 1, 2]);
  const r = execute(graph, params, x, { bn: 'identity', logScaled: true });
  const v = Array.from(r.logits.dataSync(), (z) => z * Math.exp(r.logScale));
  assert.ok(Math.abs(v[0] - 14) < 1e-4 && Math.abs(v[1] - 28) < 1e-4, `got ${v}`);
  r.logits.dispose();
  tf.dispose([x, ...Object.values(params)]);
});
