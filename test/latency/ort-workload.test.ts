// The onnxruntime latency workload: resolved by `auto` where onnxruntime-node loads, keyed like the tfjs one,
// runnable many times, disposable twice, and measured by the interleaved sampler like any workload. An explicit
// `tfjs` gets the tfjs workload (no ONNX export at all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../src/engine/backend.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { createNetworkWorkload, describeEngine, resolveLatencyEngine } from '../../src/latency/engine.js';
import { measureLatency } from '../../src/latency/measure.js';
import { liveTensors } from '../../src/proxies/score.js';
import { ortOrSkip } from './ort-available.js';

const ort = await ortOrSkip();
const cfg = { enabled: true, batchSizes: [1], warmup: 1, minSamples: 3, maxSamples: 3, budgetMs: 1e9 };
const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';

test('auto resolves to onnxruntime with one thread; threads come from the spec', { skip: ort.skip }, async () => {
  const tfjs = { version: '4.22.0', threads: 1 };
  const auto = await resolveLatencyEngine(cfg, tfjs);
  assert.equal(auto.name, 'onnxruntime');
  assert.equal(auto.version, ort.rt!.version);
  assert.equal(auto.threads, 1);
  assert.equal(auto.fallbackReason, undefined);
  assert.equal((await resolveLatencyEngine({ ...cfg, engine: 'onnxruntime', threads: 2 }, tfjs)).threads, 2);
  assert.equal(describeEngine({ name: 'onnxruntime', version: '1.30.0', threads: 2 }), 'onnxruntime 1.30.0, 2 threads');
});

test('the onnxruntime workload is measured, creates no tfjs tensors and disposes twice safely', { skip: ort.skip }, async () => {
  await initBackend('wasm');
  const engine = await resolveLatencyEngine({ ...cfg, engine: 'onnxruntime' }, { version: '4.22.0', threads: 1 });
  const before = liveTensors();
  const w = await createNetworkWorkload(engine, buildNb201(ARCH), ARCH, 2, 0);
  assert.equal(w.key, `${ARCH}@2`);
  assert.equal(w.batch, 2);
  const res = await measureLatency([w], cfg);
  const samples = res.get(w.key)!.samples;
  assert.equal(samples.length, 3);
  assert.ok(samples.every((ms) => ms > 0 && Number.isFinite(ms)));
  w.dispose();
  w.dispose();
  assert.equal(liveTensors(), before);
});

test('engine tfjs: the tfjs workload, whose tensors are freed by dispose', async () => {
  await initBackend('wasm');
  const engine = await resolveLatencyEngine({ ...cfg, engine: 'tfjs' }, { version: '4.22.0', threads: 1 });
  assert.deepEqual(engine, { name: 'tfjs', version: '4.22.0', threads: 1 });
  const before = liveTensors();
  const w = await createNetworkWorkload(engine, buildNb201(ARCH), ARCH, 1, 0);
  assert.ok(liveTensors() > before, 'the tfjs workload holds its weights as tensors');
  await w.run();
  w.dispose();
  assert.equal(liveTensors(), before);
});
