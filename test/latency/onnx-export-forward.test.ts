// The ONNX export of a network, run by onnxruntime, computes what the tfjs forward computes in eval mode (BN on
// its fresh running statistics, as latency/networks.ts times it), to float32 precision: NB201 cells of every op,
// NATS-Bench size-space networks, macro families, the Keras examples, the committed ONNX models (imported, then
// exported again) and the graph of every op added for ONNX models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { execute } from '../../src/graph/execute.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import type { Graph } from '../../src/graph/ir.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { buildArch } from '../../src/spaces/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { exportOnnx, INPUT_NAME } from '../../src/latency/onnx-export.js';
import { timingSessionOptions } from '../../src/latency/ort-engine.js';
import { toNchw } from '../../src/latency/ort-workload.js';
import { newOpsGraph } from '../graph/new-ops-graph.js';
import { kerasExample, REPO_SPEC } from '../spaces/helpers.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import { loadOnnxFile } from '../../src/spaces/onnx/build.js';
import { modelPath } from '../onnx/helpers.js';
import { ortOrSkip } from './ort-available.js';

const ort = await ortOrSkip();

const NB201 = [
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|',
  '|avg_pool_3x3~0|+|skip_connect~0|none~1|+|nor_conv_1x1~0|avg_pool_3x3~1|skip_connect~2|',
];

async function compare(graph: Graph, key: string, batch = 2): Promise<void> {
  const [h, w, c] = graph.inputShape;
  const x = new Float32Array(batch * h * w * c).map((_, i) => Math.sin(0.37 * i) + 0.1 * Math.cos(1.3 * i));
  const params = initParams(graph, 7, key);
  const y = tf.tidy(() => execute(graph, params, tf.tensor4d(x, [batch, h, w, c]), { bn: 'running' }).logits);
  const want = y.dataSync().slice();
  y.dispose();
  disposeParams(params);
  const session = await ort.rt!.ort.InferenceSession.create(exportOnnx(graph, { seed: 7, archKey: key, batch }), timingSessionOptions({ threads: 1 }));
  try {
    const input = new ort.rt!.ort.Tensor('float32', toNchw(x, [batch, h, w, c]), [batch, c, h, w]);
    const out = Object.values(await session.run({ [INPUT_NAME]: input }));
    assert.equal(out.length, 1);
    assert.deepEqual([...out[0].dims], [batch, graph.numClasses]);
    const got = out[0].data as Float32Array;
    const scale = Math.max(...want.map(Math.abs));
    assert.ok(scale > 1e-3, `${key}: logits are not trivially zero`);
    for (let i = 0; i < want.length; i++) {
      assert.ok(Math.abs(got[i] - want[i]) <= 1e-5 * scale + 1e-6, `${key}: logit ${i}: onnxruntime ${got[i]}, tfjs ${want[i]}`);
    }
  } finally {
    await session.release();
  }
}

test('NB201 cells: onnxruntime on the export equals the tfjs forward', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  for (const arch of NB201) await compare(buildNb201(arch), arch);
});

test('nb201-samsung (conv biases, BN without affine): onnxruntime equals tfjs', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  await compare(buildNb201(NB201[1], 'cifar10', 16, 5, 'samsung'), 'samsung');
});

test('macro families (ResNet blocks, MobileNetV2 with ReLU6) and the Keras examples: onnxruntime equals tfjs', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  const spec = loadSpec(REPO_SPEC, specOptions());
  for (const key of ['resnet-a', 'mbv2-b']) await compare(buildArch(spec, key), key, 1);
  for (const name of ['small_cnn', 'resnet_functional', 'mobile_block']) await compare(kerasExample(name), name, 2);
});

test('every op added for ONNX models (grouped, dilated, depthwise, SE, shuffle, slices, activations): onnxruntime equals tfjs', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  await compare(newOpsGraph(), 'new-ops', 3);
});

test('NATS-Bench size space: onnxruntime equals tfjs', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  for (const arch of ['8:16:24:32:64', '64:8:40:16:56']) await compare(buildNatsSss(arch), arch, 1);
});

test('the committed ONNX models, imported then exported: onnxruntime equals tfjs', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  for (const name of ['resnet8', 'mobilenet_v2-0.25', 'mobilenet_v3_small-0.25', 'shufflenet_v2-tiny', 'efficientnet_b0-tiny', 'regnet-tiny', 'densenet-tiny']) {
    await compare(loadOnnxFile(modelPath(name), name).graph, name, 1);
  }
});
