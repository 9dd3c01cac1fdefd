// NASWOT's kernel on onnxruntime (onnx-grad/relu-codes-model.ts) against the tfjs forward (passes/relu-codes.ts)
// on the same weights and images: the same ReLU invocations and code length, the same Hamming kernel up to the
// odd unit whose pre-activation sits within rounding of 0 (two engines sum in different orders), the naswot score
// within 1e-6 relative; dead branches' ReLUs counted as on tfjs (the references hook every module); the row names
// its engine, a ReLU6 network (macro model) runs there too, an op without a rule falls back saying why, no leak.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import type { Graph } from '../../src/graph/ir.js';
import { ArchContext } from '../../src/proxies/context.js';
import { batchReluKernel } from '../../src/proxies/passes/relu-codes.js';
import { scoreArch } from '../../src/proxies/score.js';
import { getProxy } from '../../src/proxies/index.js';
import { batches, mbconvMacro, relErr, sigmoidNet, useCpu } from './grad-helpers.js';

before(useCpu);

async function kernelOn(graph: Graph, engine: 'onnxruntime' | 'tfjs', n: number) {
  const ctx = new ArchContext(graph, graph.name, 5, batches(graph, n, 1), 'pytorch', engine);
  try {
    const k = await batchReluKernel(ctx, n);
    return { k, notes: ctx.takeEngineNotes() };
  } finally {
    await ctx.release();
  }
}

async function compare(graph: Graph, n: number): Promise<void> {
  const before = tf.memory().numTensors;
  const ort = await kernelOn(graph, 'onnxruntime', n);
  const tfjs = await kernelOn(graph, 'tfjs', n);
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  assert.deepEqual(ort.notes, [{ engine: 'onnxruntime' }]);
  assert.deepEqual(tfjs.notes, [{ engine: 'tfjs' }]);
  assert.equal(ort.k.relus, tfjs.k.relus, 'ReLU invocations');
  assert.equal(ort.k.codeLength, tfjs.k.codeLength, 'code length');
  assert.ok(ort.k.relus > 0);
  let worst = 0;
  for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(ort.k.k.data[i] - tfjs.k.k.data[i]));
  // A unit flipping its sign moves an entry by 1 (2 on the diagonal it cannot: K_ii is the code length).
  assert.ok(worst <= 1e-4 * tfjs.k.codeLength, `largest kernel difference ${worst} of code length ${tfjs.k.codeLength}`);
  for (let i = 0; i < n; i++) assert.equal(ort.k.k.data[i * n + i], ort.k.codeLength, 'K_ii is the code length');
}

test('NB201 cell with every op and a dead branch: onnxruntime kernel equals tfjs', async () => {
  // Node 1 feeds only none edges: its incoming ReLU-Conv-BN edge is dead and its ReLU still counts.
  await compare(buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|none~2|', 'cifar10', 4, 1), 8);
});

test('macro model (ReLU6, depthwise, residual): onnxruntime kernel equals tfjs', async () => {
  const g = mbconvMacro();
  assert.ok(g.nodes.some((n) => n.op === 'relu6'));
  await compare(g, 6);
});

test('naswot rows: the same score on both engines, the engine named; a sigmoid net falls back to tfjs saying why', async () => {
  const arch = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';
  const graph = buildNb201(arch, 'cifar10', 4, 1);
  const bs = batches(graph, 8, 1);
  const runs = [{ proxy: getProxy('naswot'), options: { samples: 8 } }];
  const [ort] = await scoreArch(graph, arch, runs, 2, bs, 'pytorch', 'onnxruntime');
  const [tfjs] = await scoreArch(graph, arch, runs, 2, bs, 'pytorch', 'tfjs');
  assert.equal(ort.status, 'ok', ort.error);
  assert.ok(relErr(ort.value, tfjs.value) <= 1e-6, `onnxruntime ${ort.value} vs tfjs ${tfjs.value}`);
  assert.equal(ort.engine, 'onnxruntime');
  assert.equal(tfjs.engine, 'tfjs');
  const sig = sigmoidNet();
  const [row] = await scoreArch(sig, 'sig', [{ proxy: getProxy('naswot'), options: { samples: 4 } }], 1, batches(sig, 4), 'pytorch', 'auto');
  assert.equal(row.engine, 'tfjs');
  assert.match(row.engineNote ?? '', /no onnxruntime backward rule for sigmoid/);
});
