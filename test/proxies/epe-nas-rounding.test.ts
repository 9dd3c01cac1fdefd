// epe_nas's float32 check: the score is recomputed from the Jacobian at weights one ulp away, on the same engine.
// The nudged Jacobian really moves (but only by rounding-sized amounts) and leaves the status ok on a tiny net;
// the flag itself is seen on the full-size NB201 all-3x3 network (reports/reference-agreement/).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import epeNas, { epeNasScore, EPE_NAS_TOLERANCE } from '../../src/proxies/epe_nas.js';
import { nudgedInputJacobian, sharedInputJacobian } from '../../src/proxies/passes/jacobian.js';
import { scoreArch } from '../../src/proxies/score.js';
import { Rng } from '../../src/engine/rng.js';
import { ArchContext } from '../../src/proxies/context.js';
import { batches, useCpu } from './grad-helpers.js';
import { tinyNb201 } from './fwd-helpers.js';

before(useCpu);

for (const engine of ['tfjs', 'onnxruntime'] as const) {
  test(`${engine}: the one-ulp Jacobian differs from the shared one by rounding only; no leak`, async () => {
    const graph = tinyNb201();
    const bs = batches(graph, 8);
    const before = tf.memory().numTensors;
    const ctx = new ArchContext(graph, graph.name, 3, bs, 'pytorch', engine);
    try {
      const j = await sharedInputJacobian(ctx, 8);
      const n = await nudgedInputJacobian(ctx, 8, new Rng(1));
      let maxAbs = 0, maxDiff = 0;
      for (let i = 0; i < j.rows.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(j.rows[i]));
        maxDiff = Math.max(maxDiff, Math.abs(j.rows[i] - n.rows[i]));
      }
      assert.ok(maxDiff > 0, 'the nudge changed the Jacobian');
      assert.ok(maxDiff < 1e-3 * maxAbs, `a one-ulp nudge moved the Jacobian by ${maxDiff} of ${maxAbs}`);
      const labels = bs[0]!.labels.subarray(0, 8);
      const spread = Math.abs(epeNasScore(n, labels, 10) - epeNasScore(j, labels, 10)) / epeNasScore(j, labels, 10);
      assert.ok(2 * spread <= EPE_NAS_TOLERANCE, `spread ${spread}`);
    } finally {
      ctx.dispose();
    }
    assert.equal(tf.memory().numTensors, before);
  });
}

test('the proxy keeps status ok and the same value on both engines within float32', async () => {
  const graph = tinyNb201();
  const bs = batches(graph, 8);
  const run = (engine: 'tfjs' | 'onnxruntime') => scoreArch(graph, graph.name, [{ proxy: epeNas, options: { samples: 8 } }], 3, bs, 'pytorch', engine);
  const [[t], [o]] = [await run('tfjs'), await run('onnxruntime')];
  assert.equal(t!.status, 'ok', t!.error);
  assert.equal(o!.status, 'ok', o!.error);
  assert.ok(Math.abs(t!.value - o!.value) <= 1e-3 * Math.abs(t!.value), `${t!.value} vs ${o!.value}`);
});
