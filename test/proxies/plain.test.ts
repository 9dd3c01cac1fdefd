// Plain = Σ W ⊙ dL/dW. Per layer, Σ W_l ⊙ g_l is the derivative of L when W_l is scaled by (1 + t): checked by
// central finite differences in t on a tiny conv net with train-mode BN (cpu backend).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { saliencyWeights } from '../../src/graph/grad.js';
import plain from '../../src/proxies/plain.js';
import { batches, context, deterministicNoLeak, lossOf, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('plain equals Σ_l d/dt L(W_l·(1+t)) by central differences', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, batches(graph, 4));
  try {
    const value = await plain.compute(ctx, plain.defaults);
    const params = ctx.params();
    const x = ctx.input(0), y = ctx.labels(0);
    const h = 1e-2;
    let fd = 0;
    for (const name of saliencyWeights(graph)) {
      const at = (t: number) => {
        const w = tf.mul(params[name], 1 + t);
        const l = lossOf(graph, { ...params, [name]: w }, x, y);
        w.dispose();
        return l;
      };
      fd += (at(h) - at(-h)) / (2 * h);
    }
    const err = Math.abs(value - fd);
    // Signed sum, so an absolute bound: measured |error| 2.4e-6 (relative 8e-6).
    assert.ok(err < 5e-5, `plain ${value} vs finite differences ${fd}`);
    assert.notEqual(value, 0);
    console.log(`plain ${value}, FD ${fd}, abs err ${err.toExponential(2)}, rel ${relErr(value, fd).toExponential(2)}`);
  } finally {
    ctx.dispose();
  }
});

test('plain is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(plain, graph, batches(graph, 4));
});
