// The latency engine is part of where latency was measured: onnxruntime (its version and intra-op threads) and
// tfjs are never comparable, nor two onnxruntime versions or thread settings. A fingerprint without the field
// (written before engines existed, or by a tfjs-timed run) is tfjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareFingerprints, hardwareFingerprint } from '../../src/latency/fingerprint.js';

const wasm = { name: 'wasm', version: '4.22.0', threads: 4 };

test('an onnxruntime fingerprint names the engine and its threads; a tfjs one is unchanged', () => {
  const ort = hardwareFingerprint(wasm, { name: 'onnxruntime', version: '1.30.0', threads: 1 });
  assert.equal(ort.latencyEngine, 'onnxruntime 1.30.0');
  assert.equal(ort.threads, 1);
  assert.equal(ort.backend, 'wasm');
  const tfjs = hardwareFingerprint(wasm, { name: 'tfjs', version: '4.22.0', threads: 4 });
  assert.deepEqual(tfjs, hardwareFingerprint(wasm));
  assert.equal('latencyEngine' in tfjs, false);
  assert.equal(tfjs.threads, 4);
});

test('different engines, versions or threads are incomparable; absent = tfjs', () => {
  const base = hardwareFingerprint({ ...wasm, threads: 1 });
  const ort = { ...base, latencyEngine: 'onnxruntime 1.30.0' };
  assert.deepEqual(compareFingerprints(base, ort), { comparable: false, differences: ['latencyEngine: tfjs vs onnxruntime 1.30.0'] });
  assert.equal(compareFingerprints(ort, { ...ort, latencyEngine: 'onnxruntime 1.29.0' }).comparable, false);
  assert.equal(compareFingerprints(ort, { ...ort, threads: 2 }).comparable, false);
  assert.deepEqual(compareFingerprints(ort, { ...ort }), { comparable: true, differences: [] });
  assert.deepEqual(compareFingerprints(base, { ...base, latencyEngine: 'tfjs' }), { comparable: true, differences: [] });
});
