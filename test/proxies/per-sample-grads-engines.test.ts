// The per-sample gradients behind grad_sign and knas on onnxruntime (one batch-1 session per arch) equal the tfjs
// batch-1 passes, sample by sample, on a small NB201 network (every op, a none edge) and a NATS-SSS one; knas
// follows to float32 precision and grad_sign to the sign flips of entries float32 cannot sign. Each sample's
// gradient is computed once per arch: knas's samples are grad_sign's first ones (one session, no second pass).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ArchContext } from '../../src/proxies/context.js';
import { perSampleGrads } from '../../src/proxies/passes/per-sample-grads.js';
import { gradSignScore } from '../../src/proxies/grad_sign.js';
import { knasScore } from '../../src/proxies/knas.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import type { Graph } from '../../src/graph/ir.js';
import { batches, useCpu } from './grad-helpers.js';
import { maxRel } from './onnx-grad-helpers.js';

before(useCpu);

async function compare(graph: Graph): Promise<void> {
  const bs = batches(graph, 3, 2);
  const before = tf.memory().numTensors;
  const ort = new ArchContext(graph, graph.name, 5, bs, 'pytorch', 'onnxruntime');
  const tfjs = new ArchContext(graph, graph.name, 5, bs, 'pytorch', 'tfjs');
  try {
    const a = await perSampleGrads(ort, 6);
    const b = await perSampleGrads(tfjs, 6);
    assert.equal(a.n, 6);
    assert.deepEqual(a.offsets, b.offsets);
    for (let s = 0; s < 6; s++) {
      assert.ok(Math.abs(a.losses[s] - b.losses[s]) <= 1e-5 * Math.abs(b.losses[s]), `sample ${s} loss ${a.losses[s]} vs ${b.losses[s]}`);
      // Per weight tensor: within 1e-4 of that tensor's largest gradient entry.
      for (let k = 0; k < a.weights.length; k++) {
        const [lo, hi] = [a.offsets[k], a.offsets[k + 1]];
        const rel = maxRel(a.grads[s].subarray(lo, hi), b.grads[s].subarray(lo, hi));
        assert.ok(rel <= 1e-4, `sample ${s} ${a.weights[k]}: ${rel.toExponential(2)}`);
      }
    }
    const notes = ort.takeEngineNotes().map((n) => n.engine);
    assert.deepEqual(notes, ['onnxruntime'], 'one note per call, naming onnxruntime');
    const kA = knasScore(a.grads, null), kB = knasScore(b.grads, null);
    assert.ok(Math.abs(kA - kB) <= 1e-4 * kB, `knas ${kA} vs ${kB}`);
    // grad_sign counts signs: an entry float32 cannot sign (|g| within rounding of 0) may flip; no other may.
    const total = a.offsets[a.weights.length];
    let flippable = 0;
    for (let k = 0; k < total; k++) {
      if (a.grads.some((g, s) => Math.sign(g[k]) !== Math.sign(b.grads[s][k]))) flippable++;
    }
    const sA = gradSignScore(a.grads), sB = gradSignScore(b.grads);
    assert.ok(Math.abs(sA - sB) <= 2 * 6 * flippable && flippable <= total * 1e-3, `grad_sign ${sA} vs ${sB}, ${flippable} of ${total} entries flip`);
    console.log(`${graph.name}: grad_sign ${sA} vs ${sB} (${flippable} of ${total} entries change sign), knas ${kA} vs ${kB}`);
    // The first 4 samples are shared, not recomputed: the same arrays.
    const again = await perSampleGrads(ort, 4);
    assert.ok(again.grads.every((g, s) => g === a.grads[s]));
  } finally {
    ort.dispose();
    tfjs.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
}

test('NB201 cells with every op and a none edge: per-sample gradients on onnxruntime equal tfjs', async () => {
  await compare(buildNb201('|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|', 'cifar10', 8, 1));
});

test('a NATS-SSS network: per-sample gradients on onnxruntime equal tfjs', async () => {
  await compare(buildNatsSss('8:16:8:24:16', 'cifar10'));
});
