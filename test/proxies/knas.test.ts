// KNAS = ||mean_i ∇ℓ_i||² over all weight entries (the paper's scale). Checked against the kernel form
// mean_{i,j} <g_i, g_j> with per-sample gradients from a manual loop; a seeded subset of m entries is scaled by P/m.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import knas, { knasEntries } from '../../src/proxies/knas.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { batches, context, deterministicNoLeak, relErr, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('knas equals the mean gradient kernel mean_ij <g_i, g_j>, on all entries and on a seeded subset', async () => {
  const graph = tinyConvNet();
  const ctx = context(graph, batches(graph, 5));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const G: Float64Array[] = [];
    for (let i = 0; i < 5; i++) {
      const x = tf.slice(ctx.input(0), [i, 0, 0, 0], [1, -1, -1, -1]);
      const y = tf.slice(ctx.labels(0), [i, 0], [1, -1]);
      const gs = tf.grads((...ws: tf.Tensor[]) => {
        const p: ParamMap = { ...params };
        names.forEach((name, k) => { p[name] = ws[k]; });
        return crossEntropy(execute(graph, p, x).logits, y);
      })(names.map((name) => params[name]));
      G.push(Float64Array.from(gs.flatMap((g) => Array.from(g.dataSync()))));
      gs.forEach((g) => g.dispose());
      x.dispose();
      y.dispose();
    }
    const P = G[0].length;
    const kernel = (idx: number[]) => {
      let s = 0;
      for (const a of G) for (const b of G) for (const k of idx) s += a[k] * b[k];
      return s / (G.length * G.length);
    };
    const full = await knas.compute(ctx, { samples: 5, entries: 0 });
    assert.equal(await knas.compute(ctx, { samples: 5, entries: 10 * P }), full, 'entries >= P means all');
    const all = Array.from({ length: P }, (_, k) => k);
    assert.ok(relErr(full, kernel(all)) < 1e-9, `knas ${full} vs kernel ${kernel(all)}`);

    const sub = await knas.compute(ctx, { samples: 5, entries: 50 });
    const idx = knasEntries(ctx.seed, ctx.archKey, P, 50);
    assert.equal(new Set(idx).size, 50);
    assert.ok(relErr(sub, (kernel(idx) * P) / 50) < 1e-9, `knas subset ${sub} vs kernel x P/m ${(kernel(idx) * P) / 50}`);
    assert.ok(sub > 0 && sub !== full);
    console.log(`knas all ${P} entries ${full}, 50 entries ${sub}`);
  } finally {
    ctx.dispose();
  }
});

test('knas is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(knas, graph, batches(graph, 4));
});
