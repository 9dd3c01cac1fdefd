// ntk on onnxruntime (one whole-batch forward+backward per row, the row's logits summed through a fed selector, BN
// gamma gradients included) equals the tfjs rows (one forward, a retained backward per row): the kernel J J^T within
// 1e-4 of its largest entry and kappa to float32 precision, on a small NB201 network (every op, a none edge) and a
// NATS-SSS one, with no tensors left behind.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { ArchContext } from '../../src/proxies/context.js';
import ntk, { drawnSamples, empiricalNtk, empiricalNtkOrt, ntkParams } from '../../src/proxies/ntk.js';
import { GradSession } from '../../src/proxies/onnx-grad/session.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import type { Graph } from '../../src/graph/ir.js';
import { batches, relErr } from './grad-helpers.js';
import { useWasm } from '../engine/helpers.js';
import { maxRel } from './onnx-grad-helpers.js';

// wasm: the tfjs rows on the cpu backend take minutes for these networks.
before(useWasm);

async function compare(graph: Graph): Promise<void> {
  const names = ntkParams(graph);
  assert.ok(graph.params.some((p) => p.role === 'gamma' && names.includes(p.name)), 'BN gammas are among the rows');
  const bs = batches(graph, 4, 2);
  const before = tf.memory().numTensors;
  const ort = new ArchContext(graph, graph.name, 5, bs, 'pytorch', 'onnxruntime');
  const tfjs = new ArchContext(graph, graph.name, 5, bs, 'pytorch', 'tfjs');
  const session = await GradSession.create(graph, { loss: 'row-logits', batch: 6, weights: names });
  try {
    const x = drawnSamples(tfjs, 6, 0);
    const a = await empiricalNtkOrt(session, graph, tfjs.params(), x, names);
    const b = empiricalNtk(graph, tfjs.params(), x, names);
    assert.equal(a.n, 6);
    const rel = maxRel(a.data, b.data);
    assert.ok(rel <= 1e-4, `kernel differs by ${rel.toExponential(2)} of its largest entry`);
    const options = { ...ntk.defaults, samples: 6, repeats: 2, tolerance: 1 };
    const kOrt = await ntk.compute(ort, options);
    const kTfjs = await ntk.compute(tfjs, options);
    assert.ok(relErr(kOrt, kTfjs) <= 1e-3, `kappa ${kOrt} vs ${kTfjs}`);
    assert.deepEqual(ort.takeEngineNotes().map((n) => n.engine), ['onnxruntime']);
    assert.deepEqual(tfjs.takeEngineNotes().map((n) => n.engine), ['tfjs']);
    console.log(`${graph.name}: kernel within ${rel.toExponential(2)}, -kappa ${kOrt} vs ${kTfjs}`);
  } finally {
    await session.release();
    ort.dispose();
    tfjs.dispose();
  }
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
}

test('NB201 cells with every op and a none edge: the NTK on onnxruntime equals tfjs', async () => {
  await compare(buildNb201('|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|', 'cifar10', 8, 1));
});

test('a NATS-SSS network: the NTK on onnxruntime equals tfjs', async () => {
  await compare(buildNatsSss('8:16:8:24:16', 'cifar10'));
});
