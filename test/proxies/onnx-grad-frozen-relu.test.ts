// GraSP's shifted gradients on onnxruntime: with θ's ReLU patterns fed as inputs, the gradients at shifted weights
// equal tfjs's checkpointed gradients with the same frozen patterns (within 1e-4 of each gradient's largest entry),
// and differ from the free ReLU network's there (the shift is large enough to cross kinks: the patterns matter).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { execute } from '../../src/graph/execute.js';
import { checkpointedGrads } from '../../src/graph/checkpoint.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { GradSession } from '../../src/proxies/onnx-grad/session.js';
import { maxRel } from './onnx-grad-helpers.js';

test('frozen ReLU patterns fed to onnxruntime give tfjs\'s frozen gradients at shifted weights', async () => {
  await tf.setBackend('cpu');
  const before = tf.memory().numTensors;
  const graph = buildNb201('|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|', 'cifar10', 4, 1);
  const params = initParams(graph, 4, 'frozen');
  const weights = saliencyWeights(graph);
  const x = tf.randomNormal([5, 32, 32, 3], 0, 1, 'float32', 9) as tf.Tensor4D;
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 3, 6, 9, 2], 'int32'), 10).toFloat());
  const masks = new Map<string, tf.Tensor>();
  tf.tidy(() => { execute(graph, params, x, { reluMasks: { record: masks } }); });
  const shifted = { ...params };
  for (const w of weights) shifted[w] = tf.tidy(() => tf.add(params[w], tf.mul(tf.randomNormal(params[w].shape, 0, 1, 'float32', 3), 0.3 * tf.moments(params[w]).variance.sqrt().dataSync()[0])));
  const session = await GradSession.create(graph, { batch: 5, loss: 'cross-entropy', weights, frozenRelu: true });
  const free = await GradSession.create(graph, { batch: 5, loss: 'cross-entropy', weights });
  try {
    const feeds = {
      images: Float32Array.from(x.dataSync()), labels: Float32Array.from(y.dataSync()),
      params: new Map(graph.params.map((p) => [p.name, Float32Array.from(shifted[p.name].dataSync())])),
      masks: new Map([...masks].map(([id, m]) => [id, Float32Array.from(m.dataSync())])),
    };
    const ort = await session.run(feeds);
    const loose = await free.run(feeds);
    const ref = checkpointedGrads(graph, shifted, x, weights, (l) => crossEntropy(l, y), { reluMasks: { use: masks } });
    let worst = 0, apart = 0;
    for (const w of weights) {
      const r = ref.grads.get(w)!.dataSync();
      worst = Math.max(worst, maxRel(ort.grads.get(w) ?? new Float32Array(r.length), r));
      apart = Math.max(apart, maxRel(loose.grads.get(w) ?? new Float32Array(r.length), r));
    }
    assert.ok(worst <= 1e-4, `frozen: relative difference ${worst.toExponential(2)}`);
    assert.ok(apart > 1e-2, `the free network's gradients should differ at the shifted weights (${apart.toExponential(2)})`);
    tf.dispose([...ref.grads.values(), ...ref.kept.values(), ...ref.additiveGrads.values()]);
  } finally {
    await session.release();
    await free.release();
    for (const w of weights) shifted[w].dispose();
    tf.dispose([...masks.values(), x, y]);
    disposeParams(params);
  }
  assert.equal(tf.memory().numTensors, before);
});
