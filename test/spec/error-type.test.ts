// A value of the wrong type is reported with its position, field, what was given and what was expected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';

function specError(text: string): SpecError {
  try {
    parseSpec(text, 'configs/x.yml');
  } catch (e) {
    assert.ok(e instanceof SpecError, `expected a SpecError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the spec to be rejected');
}

test('a string where an integer is expected', () => {
  const e = specError('name: x\nlatency:\n  warmup: five\n');
  assert.equal(e.message, 'configs/x.yml:3:11: latency.warmup: got "five", expected an integer >= 0');
  assert.deepEqual(
    { file: e.file, line: e.line, column: e.column, field: e.field, given: e.given, expected: e.expected },
    { file: 'configs/x.yml', line: 3, column: 11, field: 'latency.warmup', given: '"five"', expected: 'an integer >= 0' },
  );
});

test('a list where a map is expected, a number out of range, a wrong enum value', () => {
  assert.equal(specError('name: x\nthresholds: [1]\n').message,
    'configs/x.yml:2:13: thresholds: got a list, expected a map');
  assert.equal(specError('name: x\nthresholds: {latency_alpha: 1.5}\n').message,
    'configs/x.yml:2:29: thresholds.latency_alpha: got 1.5, expected a number > 0 and < 1');
  assert.equal(specError('name: x\nbackend: webgl\n').message,
    'configs/x.yml:2:10: backend: got "webgl", expected one of auto, node, wasm, cpu');
  assert.equal(specError('name: x\narchs: [12, 15625]\n').message,
    'configs/x.yml:2:13: archs[1]: got 15625, expected an integer from 0 to 15624');
});

test('an invalid name', () => {
  assert.equal(specError('name: My Run\n').message,
    'configs/x.yml:1:7: name: got "My Run", expected a name matching [a-z0-9][a-z0-9._-]*, at most 100 characters');
});
