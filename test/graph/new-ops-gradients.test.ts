// Gradients through the ops added for ONNX models agree with central finite differences, for every parameter
// tensor (a few sampled entries each) and the input, in float64-free float32 arithmetic on the cpu backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { gradsOf } from '../../src/graph/grad.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import { Rng } from '../../src/engine/rng.js';
import { newOpsGraph } from './new-ops-graph.js';

test('autodiff gradients equal finite differences through the new ops', async () => {
  await tf.setBackend('cpu');
  const graph = newOpsGraph();
  const before = tf.memory().numTensors;
  const params = initParams(graph, 7, 'new-ops');
  const x = tf.tensor4d(Rng.keyed(1, 'x').fillNormal(new Float32Array(2 * 8 * 8 * 3)), [2, 8, 8, 3]);
  const w = tf.tensor2d(Rng.keyed(2, 'w').fillNormal(new Float32Array(6)), [2, 3]);
  // BN-free graph: the loss is a fixed projection of the logits.
  const loss = (p: ParamMap, input = x) => tf.tidy(() => tf.sum(tf.mul(execute(graph, p, input).logits, w)) as tf.Scalar);
  const names = graph.params.map((p) => p.name);
  const { grads } = gradsOf(graph, params, names, (p) => loss(p));
  const at = (p: ParamMap) => { const l = loss(p); const v = l.dataSync()[0]; l.dispose(); return v; };
  const h = 1e-2;
  const rng = Rng.keyed(3, 'entries');
  for (const name of names) {
    const base = params[name].dataSync();
    const g = grads.get(name)!.dataSync();
    for (let k = 0; k < 3; k++) {
      const i = rng.int(base.length);
      const shifted = (d: number) => {
        const v = Float32Array.from(base);
        v[i] += d;
        const t = tf.tensor(v, params[name].shape);
        const value = at({ ...params, [name]: t });
        t.dispose();
        return value;
      };
      const fd = (shifted(h) - shifted(-h)) / (2 * h);
      assert.ok(Math.abs(fd - g[i]) <= 2e-3 + 2e-2 * Math.abs(fd), `${name}[${i}]: autodiff ${g[i]} vs finite difference ${fd}`);
    }
  }
  const dx = tf.grad((input: tf.Tensor) => loss(params, input as tf.Tensor4D))(x);
  const dxv = dx.dataSync();
  for (let k = 0; k < 5; k++) {
    const i = rng.int(x.size);
    const shifted = (d: number) => {
      const v = Float32Array.from(x.dataSync());
      v[i] += d;
      const t = tf.tensor4d(v, [2, 8, 8, 3]);
      const l = loss(params, t);
      const value = l.dataSync()[0];
      tf.dispose([t, l]);
      return value;
    };
    const fd = (shifted(h) - shifted(-h)) / (2 * h);
    assert.ok(Math.abs(fd - dxv[i]) <= 2e-3 + 2e-2 * Math.abs(fd), `input[${i}]: autodiff ${dxv[i]} vs finite difference ${fd}`);
  }
  tf.dispose([dx, x, w, ...grads.values()]);
  disposeParams(params);
  assert.equal(tf.memory().numTensors, before);
});
