// latency.engine (auto | onnxruntime | tfjs) and latency.threads in a spec, and the --latency-engine flag:
// absent fields stay absent (auto, 1 thread), wrong values are refused with file, position and field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';
import { applyOverrides } from '../../src/commands/overrides.js';

function specError(text: string): string {
  try {
    parseSpec(text, 'configs/x.yml');
  } catch (e) {
    assert.ok(e instanceof SpecError, `expected a SpecError, got ${String(e)}`);
    return e.message;
  }
  return assert.fail('expected the spec to be rejected');
}

test('engine and threads are read; absent, neither is set', () => {
  const spec = parseSpec('name: x\nlatency:\n  engine: onnxruntime\n  threads: 2\n', 'configs/x.yml');
  assert.equal(spec.latency.engine, 'onnxruntime');
  assert.equal(spec.latency.threads, 2);
  assert.equal(parseSpec('name: x\nlatency: {engine: tfjs}\n', 'configs/x.yml').latency.engine, 'tfjs');
  const plain = parseSpec('name: x\n', 'configs/x.yml').latency;
  assert.equal('engine' in plain, false);
  assert.equal('threads' in plain, false);
});

test('an unknown engine or a thread count out of range is refused where it is written', () => {
  assert.equal(specError('name: x\nlatency:\n  engine: torch\n'),
    'configs/x.yml:3:11: latency.engine: got "torch", expected one of auto, onnxruntime, tfjs');
  assert.equal(specError('name: x\nlatency:\n  threads: 0\n'),
    'configs/x.yml:3:12: latency.threads: got 0, expected an integer from 1 to 256');
});

test('--latency-engine overrides the spec; an unknown value is refused', () => {
  const spec = parseSpec('name: x\nlatency: {engine: onnxruntime, threads: 2}\n', 'configs/x.yml');
  const next = applyOverrides(spec, { latencyEngine: 'tfjs' });
  assert.equal(next.latency.engine, 'tfjs');
  assert.equal(next.latency.threads, 2);
  assert.equal(spec.latency.engine, 'onnxruntime', 'the parsed spec is not mutated');
  assert.throws(() => applyOverrides(spec, { latencyEngine: 'ort' }), /--latency-engine: got "ort", expected auto, onnxruntime, tfjs/);
});
