// onnxruntime's weight and input gradients against central differences of its own loss, independent of tfjs:
// for a random direction v, (L(θ + h v) - L(θ - h v)) / 2h = <∇L, v> within 1e-2 of it plus the float32 rounding
// of the two losses over 2h (h = 3e-2 of the tensor's scale; the net is smooth, so the h² term is far below that).
// The network has no ReLU (a kink inside the step would break the difference): strided conv, train-mode BN,
// depthwise conv (multiplier 2), avg pool, grouped 1x1 conv, concat, global pool, dense.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GraphBuilder } from '../../src/graph/builder.js';
import { initValues } from '../../src/graph/init.js';
import { GradSession } from '../../src/proxies/onnx-grad/session.js';
import { Rng } from '../../src/engine/rng.js';

function smoothNet() {
  const g = new GraphBuilder('smooth', [6, 6, 3], 4);
  g.add('c1', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: [1, 1, 1, 1], filters: 6, bias: true }, ['input']);
  g.add('bn', { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 }, ['c1']);
  g.add('dw', { op: 'depthwise_conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], multiplier: 2, bias: false }, ['bn']);
  g.add('ap', { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, ['dw']);
  g.add('g2', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: 4, bias: false, groups: 2 }, ['ap']);
  g.add('cat', { op: 'concat' }, ['g2', 'bn']);
  g.add('gap', { op: 'global_avg_pool' }, ['cat']);
  g.add('fc', { op: 'dense', units: 4, bias: true }, ['gap']);
  return g.build('fc', 'cat');
}

test('weight and input gradients = central differences of the onnxruntime loss', async () => {
  const graph = smoothNet();
  const n = 5;
  const rng = new Rng(17);
  const images = Float32Array.from({ length: n * 6 * 6 * 3 }, () => rng.normal());
  const labels = new Float32Array(n * 4);
  for (let i = 0; i < n; i++) labels[i * 4 + (i % 4)] = 1;
  const params = new Map(graph.params.map((p) => [p.name, initValues(p, 2, 'fd', 'pytorch')]));
  const weights = graph.params.filter((p) => p.role === 'weight').map((p) => p.name);
  const session = await GradSession.create(graph, { batch: n, loss: 'cross-entropy', weights, inputGrad: true });
  try {
    const at = await session.run({ images, labels, params });
    // Each weight tensor and the images, one random direction each, scaled to the tensor's own size.
    for (const name of [...weights, 'images']) {
      const base = name === 'images' ? images : params.get(name)!;
      const grad = name === 'images' ? at.inputGrad! : at.grads.get(name)!;
      const v = Float32Array.from(base, () => rng.normal());
      const scale = Math.sqrt(base.reduce((a, b) => a + b * b, 0) / base.length);
      const h = 3e-2 * scale;
      const shifted = (sign: number) => Float32Array.from(base, (b, i) => b + sign * h * v[i]);
      const loss = async (x: Float32Array) => (await session.run(name === 'images'
        ? { images: x, labels, params }
        : { images, labels, params: new Map([...params, [name, x]]) })).loss;
      const fd = ((await loss(shifted(1))) - (await loss(shifted(-1)))) / (2 * h);
      const exact = grad.reduce((a, g, i) => a + g * v[i], 0);
      const rounding = (8 * 2 ** -24 * Math.abs(at.loss)) / (2 * h);
      assert.ok(Math.abs(fd - exact) <= 1e-2 * Math.abs(exact) + rounding, `${name}: difference ${fd} vs gradient ${exact}`);
      assert.ok(Math.abs(exact) > 10 * rounding, `${name}: a direction the loss resolves (${exact})`);
    }
  } finally {
    await session.release();
  }
});
