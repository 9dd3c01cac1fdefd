// GradSign against a manual per-sample loop: for each sample a batch-1 forward (train-mode BN, own statistics) and
// tf.grads of its CE loss; score = Σ_k |Σ_i sign(G_ik)|, integers, so the match is exact.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import gradSign from '../../src/proxies/grad_sign.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { batches, context, deterministicNoLeak, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('grad_sign equals the manual per-sample sign count; samples run on into batch 1; `samples` caps them', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, batches(graph, 3, 2));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const total = graph.params.filter((p) => p.role === 'weight').reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0);
    const manual = (n: number) => {
      const sums = new Float64Array(total);
      for (let s = 0; s < n; s++) {
        const b = Math.floor(s / 3), i = s % 3;
        const x = tf.slice(ctx.input(b), [i, 0, 0, 0], [1, -1, -1, -1]);
        const y = tf.slice(ctx.labels(b), [i, 0], [1, -1]);
        const gs = tf.grads((...ws: tf.Tensor[]) => {
          const p: ParamMap = { ...params };
          names.forEach((name, k) => { p[name] = ws[k]; });
          return crossEntropy(execute(graph, p, x).logits, y);
        })(names.map((name) => params[name]));
        let off = 0;
        for (const g of gs) {
          for (const v of g.dataSync()) sums[off++] += Math.sign(v);
          g.dispose();
        }
        x.dispose();
        y.dispose();
      }
      return sums.reduce((a, s) => a + Math.abs(s), 0);
    };
    const v4 = await gradSign.compute(ctx, { samples: 4 });
    const vAll = await gradSign.compute(ctx, { samples: 16 }); // capped at the 2 x 3 samples available
    assert.equal(v4, manual(4));
    assert.equal(vAll, manual(6));
    assert.notEqual(v4, vAll);
    assert.ok(vAll <= 6 * total && vAll > 0);
    console.log(`grad_sign 4 samples ${v4}, 6 samples ${vAll} of at most ${6 * total}`);
  } finally {
    ctx.dispose();
  }
});

test('grad_sign rejects a non-integer sample count', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, batches(graph, 2));
  try {
    await assert.rejects(async () => gradSign.compute(ctx, { samples: 2.5 }), /grad_sign: option "samples" must be an integer >= 1, got 2.5/);
  } finally {
    ctx.dispose();
  }
});

test('grad_sign is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(gradSign, graph, batches(graph, 4));
});
