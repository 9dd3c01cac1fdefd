// proxy_engine (auto | onnxruntime | tfjs) in a spec and the --proxy-engine flag: absent stays absent (auto),
// a wrong value is refused with file, position and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';
import { applyOverrides } from '../../src/commands/overrides.js';

test('proxy_engine is read; absent, it is not set (auto)', () => {
  assert.equal(parseSpec('name: x\nproxy_engine: tfjs\n', 'configs/x.yml').proxyEngine, 'tfjs');
  assert.equal(parseSpec('name: x\nproxy_engine: onnxruntime\n', 'configs/x.yml').proxyEngine, 'onnxruntime');
  assert.equal('proxyEngine' in parseSpec('name: x\n', 'configs/x.yml'), false);
  assert.equal('proxyEngine' in parseSpec('name: x\nproxy_engine: auto\n', 'configs/x.yml'), false);
});

test('an unknown proxy_engine is refused where it is written', () => {
  assert.throws(() => parseSpec('name: x\nproxy_engine: torch\n', 'configs/x.yml'), (e: unknown) =>
    e instanceof SpecError && e.message === 'configs/x.yml:2:15: proxy_engine: got "torch", expected one of auto, onnxruntime, tfjs');
});

test('--proxy-engine overrides the spec; an unknown value is refused', () => {
  const spec = parseSpec('name: x\nproxy_engine: onnxruntime\n', 'configs/x.yml');
  assert.equal(applyOverrides(spec, { proxyEngine: 'tfjs' }).proxyEngine, 'tfjs');
  assert.equal(spec.proxyEngine, 'onnxruntime', 'the parsed spec is not mutated');
  assert.throws(() => applyOverrides(spec, { proxyEngine: 'ort' }), /--proxy-engine: got "ort", expected auto, onnxruntime, tfjs/);
});
