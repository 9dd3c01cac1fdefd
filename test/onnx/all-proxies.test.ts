// Every registered proxy on every committed ONNX example (and the ops-zoo fixture): status ok, no tensor left
// behind. Calibration batches are fitted to each model's own input size, as `zsnas run` does; sample counts are
// cut to 4 to keep the test short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { fitCalibration } from '../../src/data/fit.js';
import { getProxy, proxyNames, resolveOptions } from '../../src/proxies/index.js';
import { scoreArch } from '../../src/proxies/score.js';
import { loadOnnxFile } from '../../src/spaces/onnx/build.js';
import { factPath, pytorchFacts } from './helpers.js';

const SMALL: Record<string, Record<string, unknown>> = {
  grad_sign: { samples: 4 }, knas: { samples: 4 }, jacob_cov: { samples: 4 }, epe_nas: { samples: 4 },
  naswot: { samples: 4 }, linear_regions: { lines: 2, points: 4 }, zen: { batch: 4 }, ntk: { samples: 4, repeats: 1 },
};
/** Proxies that may flag their own estimate (status unstable, with a finite value and a reason). */
const MAY_BE_UNSTABLE = new Set(['grasp', 'zico', 'plain', 'ntk']);

test('all proxies x all ONNX examples: ok, no leak', async () => {
  await initBackend('wasm');
  const data = { kind: 'gaussian' as const, seed: 0, batchSize: 4, batches: 2 };
  const base = [gaussianBatch(0, 4, [32, 32, 3], 10), gaussianBatch(1, 4, [32, 32, 3], 10)];
  const runs = proxyNames().map((n) => ({ proxy: getProxy(n), options: resolveOptions(getProxy(n), SMALL[n] ?? {}) }));
  const facts = pytorchFacts();
  assert.ok(Object.keys(facts).length >= 9);
  for (const [name, fact] of Object.entries(facts)) {
    const { graph } = loadOnnxFile(factPath(name, fact), name);
    const before = tf.memory().numTensors;
    const rows = await scoreArch(graph, name, runs, 0, fitCalibration(base, data, 'cifar10', graph));
    assert.equal(tf.memory().numTensors, before, `tensors leaked scoring ${name}`);
    assert.equal(rows.length, runs.length);
    for (const r of rows) {
      if (r.status === 'unstable' && MAY_BE_UNSTABLE.has(r.proxy)) {
        assert.ok(Number.isFinite(r.value) && /tolerance/.test(r.error ?? ''), `${name} ${r.proxy}: ${r.value} ${r.error}`);
      } else {
        assert.equal(r.status, 'ok', `${name} ${r.proxy}: ${r.status} ${r.error ?? r.value}`);
      }
    }
    assert.equal(rows.find((r) => r.proxy === 'params')!.value, graph.params.reduce((a, p) => a + p.shape.reduce((x, y) => x * y, 1), 0));
  }
});
