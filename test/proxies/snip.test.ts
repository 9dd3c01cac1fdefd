// SNIP = Σ|W ⊙ dL/dW| checked against central finite differences of the loss, weight by weight, on a tiny conv
// net with train-mode BN (cpu backend).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { saliencyWeights } from '../../src/graph/grad.js';
import snip from '../../src/proxies/snip.js';
import { batches, context, deterministicNoLeak, lossOf, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('snip equals Σ|W·g| with g from central finite differences of the loss', async () => {
  const graph = tinyConvNet();
  const bs = batches(graph, 4);
  const ctx = context(graph, bs);
  try {
    const value = await snip.compute(ctx, {});
    const params = ctx.params();
    const x = ctx.input(0), y = ctx.labels(0);
    const h = 1e-2;
    let fd = 0;
    for (const name of saliencyWeights(graph)) {
      const w = params[name].dataSync().slice();
      for (let i = 0; i < w.length; i++) {
        const at = (delta: number) => {
          const v = w.slice();
          v[i] += delta;
          const t = tf.tensor(v, params[name].shape);
          const l = lossOf(graph, { ...params, [name]: t }, x, y);
          t.dispose();
          return l;
        };
        fd += Math.abs(w[i] * (at(h) - at(-h)) / (2 * h));
      }
    }
    // Measured relative error 3.8e-4 (h = 1e-2: O(h²) truncation plus float32 rounding of L); 2e-3 leaves margin.
    assert.ok(relErr(value, fd) < 2e-3, `snip ${value} vs finite differences ${fd} (rel ${relErr(value, fd)})`);
    assert.ok(value > 0);
    console.log(`snip ${value}, FD ${fd}, rel err ${relErr(value, fd).toExponential(2)}`);
  } finally {
    ctx.dispose();
  }
});

test('snip is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(snip, graph, batches(graph, 4));
});
