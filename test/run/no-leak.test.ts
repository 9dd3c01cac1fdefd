// Scoring 20 NB201 archs (forward, backward, shared passes) leaves tf.memory().numTensors where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { Rng } from '../../src/engine/rng.js';
import { NB201_OPS } from '../../src/spaces/nb201/arch.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { getProxy } from '../../src/proxies/index.js';
import { scoreArch } from '../../src/proxies/score.js';

function randomArch(rng: Rng): string {
  const op = () => NB201_OPS[rng.int(NB201_OPS.length)];
  return `|${op()}~0|+|${op()}~0|${op()}~1|+|${op()}~0|${op()}~1|${op()}~2|`;
}

test('no tensor leak across 20 archs', async () => {
  await initBackend('wasm');
  const rng = new Rng(11);
  const batches = [gaussianBatch(0, 4, [32, 32, 3], 10)];
  const runs = ['params', 'flops', 'grad_norm'].map((n) => ({ proxy: getProxy(n), options: {} }));
  const before = tf.memory().numTensors;
  let scored = 0;
  for (let i = 0; i < 20; i++) {
    const arch = randomArch(rng);
    const rows = await scoreArch(buildNb201(arch), arch, runs, 0, batches);
    assert.equal(rows.length, 3);
    scored += rows.filter((r) => r.status === 'ok').length;
    assert.equal(tf.memory().numTensors, before, `leak after arch ${i} ${arch}`);
  }
  assert.equal(scored, 60);
});
