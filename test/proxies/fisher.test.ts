// Fisher against a hand computation on a tiny conv net: activations a from a forward with `keep`, δ = dL/da from
// a separate tf.grads per layer, then s_nk = Σ_hw a·δ, F_k = ½ mean_n s², Σ_k F_k · fan-in, all in float64.
// δ itself is checked without autodiff: s_nk = d/dt L(a_nk → (1+t)·a_nk), by central differences.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute } from '../../src/graph/execute.js';
import fisher from '../../src/proxies/fisher.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { batches, context, deterministicNoLeak, f64, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('fisher equals the float64 hand computation from per-layer activations and their gradients', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, batches(graph, 4));
  try {
    const value = await fisher.compute(ctx, {});
    const params = ctx.params();
    const x = ctx.input(0), y = ctx.labels(0);
    const n = x.shape[0];
    let hand = 0;
    const sByLayer = new Map<string, number[][]>();
    for (const layer of graph.params.filter((p) => p.role === 'weight')) {
      const shape = graph.nodes.find((v) => v.id === layer.node)!.shape;
      const r = execute(graph, params, x, { keep: [layer.node] });
      const aT = layer.node === graph.output ? r.logits : r.kept.get(layer.node)!;
      const a = f64(aT);
      r.logits.dispose();
      aT.dispose();
      const zero = tf.zeros([n, ...shape]);
      const dT = tf.grad((z: tf.Tensor) =>
        crossEntropy(execute(graph, params, x, { additive: new Map([[layer.node, z]]) }).logits, y))(zero);
      const d = f64(dT);
      dT.dispose();
      zero.dispose();
      const C = shape[shape.length - 1];
      const per = a.length / n;
      const s: number[][] = [];
      for (let i = 0; i < n; i++) {
        s.push(new Array(C).fill(0));
        for (let j = 0; j < per; j++) s[i][j % C] += a[i * per + j] * d[i * per + j];
      }
      sByLayer.set(layer.node, s);
      for (let k = 0; k < C; k++) {
        let F = 0;
        for (let i = 0; i < n; i++) F += s[i][k] ** 2;
        hand += 0.5 * (F / n) * layer.fanIn;
      }
    }
    assert.ok(relErr(value, hand) < 1e-5, `fisher ${value} vs hand ${hand}`);
    assert.ok(value > 0);

    // δ without autodiff, for the first conv (before BN: scaling a_nk also moves the batch statistics).
    const shape = graph.nodes.find((v) => v.id === 'c1')!.shape;
    const r = execute(graph, params, x, { keep: ['c1'] });
    const a = r.kept.get('c1')!;
    r.logits.dispose();
    let worst = 0, scale = 0;
    for (const [i, k] of [[0, 0], [1, 2], [3, 3]]) {
      const mask = new Float32Array(n * shape[0] * shape[1] * shape[2]);
      for (let j = 0; j < mask.length; j++) if (Math.floor(j / (mask.length / n)) === i && j % shape[2] === k) mask[j] = 1;
      const at = (t: number) => tf.tidy(() => {
        const extra = tf.mul(a, tf.mul(tf.tensor(mask, a.shape), t));
        return crossEntropy(execute(graph, params, x, { additive: new Map([['c1', extra]]) }).logits, y).dataSync()[0];
      });
      const h = 1e-2;
      const fd = (at(h) - at(-h)) / (2 * h);
      const s = sByLayer.get('c1')![i][k];
      worst = Math.max(worst, Math.abs(fd - s));
      scale = Math.max(scale, Math.abs(s));
    }
    a.dispose();
    // Measured max |error| 3.7e-6 for |s| up to 2.1e-2.
    assert.ok(worst < 5e-5, `s_nk by finite differences differs by ${worst}`);
    console.log(`fisher ${value} vs hand ${hand} (rel ${relErr(value, hand).toExponential(2)}); s_nk FD max abs err ${worst.toExponential(2)} (max |s| ${scale.toExponential(2)})`);
  } finally {
    ctx.dispose();
  }
});

test('fisher is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(fisher, graph, batches(graph, 4));
});
