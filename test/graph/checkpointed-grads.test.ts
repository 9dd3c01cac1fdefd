// Checkpointed gradients (segment by segment) equal one tape over the whole network: parameters, additive
// (activation) gradients and the input gradient; dead parameters get zeros; no tensors left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { execute } from '../../src/graph/execute.js';
import { initParams, disposeParams } from '../../src/graph/init.js';
import { gradsOf, saliencyWeights } from '../../src/graph/grad.js';
import { checkpointedGrads, segmentGraph } from '../../src/graph/checkpoint.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';

// node 2 only feeds a 'none' edge: its conv is dead (no gradient path).
const ARCH = '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|';

function maxRel(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync(), y = b.dataSync();
  let scale = 0, diff = 0;
  for (let i = 0; i < x.length; i++) { scale = Math.max(scale, Math.abs(y[i])); diff = Math.max(diff, Math.abs(x[i] - y[i])); }
  return scale === 0 ? diff : diff / scale;
}

test('segments cover the graph and equal one tape, for params, activations and input', async () => {
  await tf.setBackend('cpu');
  const g = buildNb201(ARCH, 'cifar10', 4, 2);
  const segs = segmentGraph(g);
  assert.ok(segs.length >= 1 + 2 * 3 + 2 + 1, `at least stem, 6 cells, 2 reduction blocks, head: ${segs.length}`);
  assert.equal(segs.reduce((a, s) => a + s.nodes.length - 1, 0), g.nodes.length - 1, 'every node in exactly one segment');
  assert.equal(segs.reduce((a, s) => a + s.params.length, 0), g.params.length);
  const p = initParams(g, 1, ARCH);
  const x = tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 5);
  const y = tf.oneHot(tf.tensor1d([1, 4, 7], 'int32'), 10);
  const names = saliencyWeights(g);
  const conv = 's1.c0.e01.conv';
  const zero = tf.zeros([3, ...g.nodes.find((n) => n.id === conv)!.shape]);
  const before = tf.memory().numTensors;

  const full = gradsOf(g, p, names, (pm) => crossEntropy(execute(g, pm, x).logits, y));
  const ck = checkpointedGrads(g, p, x, names, (logits) => crossEntropy(logits, y),
    { additive: new Map([[conv, zero]]), keep: [conv, g.output], inputGrad: true });
  assert.ok(Math.abs(ck.value - full.value) < 1e-6 * Math.abs(full.value), `loss ${ck.value} vs ${full.value}`);
  let worst = 0;
  for (const n of names) worst = Math.max(worst, maxRel(ck.grads.get(n)!, full.grads.get(n)!));
  assert.ok(worst < 1e-4, `max relative difference ${worst}`);
  const dead = 's0.c0.e02.conv.weight';
  assert.ok(names.includes(dead));
  assert.equal(tf.tidy(() => tf.sum(tf.abs(ck.grads.get(dead)!)).dataSync()[0]), 0);

  const [dAct, dX] = tf.grads((z: tf.Tensor, xx: tf.Tensor) =>
    crossEntropy(execute(g, p, xx, { additive: new Map([[conv, z]]) }).logits, y))([zero, x]);
  assert.ok(maxRel(ck.additiveGrads.get(conv)!, dAct) < 1e-4, `act ${maxRel(ck.additiveGrads.get(conv)!, dAct)}`);
  assert.ok(maxRel(ck.inputGrad!, dX) < 1e-4, `input ${maxRel(ck.inputGrad!, dX)}`);
  assert.deepEqual(ck.kept.get(conv)!.shape, [3, 16, 16, 8]);

  tf.dispose([...full.grads.values(), ...ck.grads.values(), ...ck.additiveGrads.values(), ...ck.kept.values(), ck.inputGrad!, dAct, dX]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([zero, x, y]);
  disposeParams(p);
});
