// Whole networks: H·g from the onnxruntime tangent model equals tfjs's exact double backprop, with v = the loss
// gradient as GraSP uses it, on a reduced NB201 network (every cell op, a none edge, reduction blocks), a macro
// MobileNetV2-style model (depthwise, ReLU6, residual adds) and a narrow NATS-SSS network. Tolerance: every H·g
// within 1e-4 of its largest entry (two float32 engines through a dozen train-mode BN layers, as the gradient test
// onnx-grad-network), GraSP's sum Σ W ⊙ Hg within 1e-5 of Σ |W ⊙ Hg|.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { buildMacro } from '../../src/spaces/macro/network.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import type { Graph } from '../../src/graph/ir.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { compareHvpWithTfjs } from './onnx-hvp-helpers.js';

async function check(graph: Graph, batch: number): Promise<void> {
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const r = await compareHvpWithTfjs(graph, batch, { alongGradient: true });
  const worst = [...r.rel].sort((a, b) => b[1] - a[1]);
  assert.ok(worst[0][1] <= 1e-4, `worst ${worst[0][0]}: ${worst[0][1].toExponential(2)}`);
  assert.equal(r.rel.size, saliencyWeights(graph).length, 'every conv/dense weight compared');
  assert.ok(Math.abs(r.dotOrt - r.dotTfjs) <= 1e-5 * r.absTfjs, `Σ W·Hg ${r.dotOrt} vs ${r.dotTfjs} (Σ|terms| ${r.absTfjs})`);
  assert.ok(r.absTfjs > 0, 'a non-trivial product');
  assert.ok(r.released);
  assert.equal(tf.memory().numTensors, before);
}

test('reduced NB201 network (every cell op, a none edge, reduction blocks): H·g equals tfjs double backprop', async () => {
  await check(buildNb201('|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|', 'cifar10', 8, 1), 6);
});

test('macro model (stem, residual and mbconv stages, depthwise, ReLU6, 1x1 head): H·g equals tfjs double backprop', async () => {
  const g = buildMacro({
    name: 'm', stem: { kernel: 3, width: 8, stride: 2 }, head: { width: 24 },
    stages: [
      { block: 'residual', kernel: 3, expansion: 1, width: 8, depth: 1, stride: 1 },
      { block: 'mbconv', kernel: 5, expansion: 4, width: 16, depth: 2, stride: 2 },
    ],
  }, [16, 16, 3], 10);
  assert.ok(g.nodes.some((n) => n.op === 'depthwise_conv2d') && g.nodes.some((n) => n.op === 'relu6'));
  await check(g, 6);
});

test('NATS-SSS network (narrow channels): H·g equals tfjs double backprop', async () => {
  await check(buildNatsSss('8:8:16:8:16'), 8);
});
