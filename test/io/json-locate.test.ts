// jsonErrorOffset agrees with JSON.parse on validity, and points at the first bad character; deep nesting is fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonErrorOffset } from '../../src/io/json-locate.js';

const valid = ['0', '-1.5e3', '"a\\u00e9\\n"', '[]', '{}', ' [1, [2, {"a": [true, false, null]}], {}] ', '{"a":{"b":[]}}'];
const invalid: Array<[string, number]> = [
  ['', 0], ['[1,]', 3], ['{"a" 1}', 5], ['{"a":1,}', 7], ['[1 2]', 3], ['{"a":1}x', 7], ['[1', 2], ['"abc', 4],
  ['{\n  "a": 1,\n  "b": }\n', 19], ['[01]', 2], ['{1:2}', 1], ['[}', 1], ['{]', 1], ['"\\x"', 1], ['nul', 0],
];

test('valid JSON: -1', () => {
  for (const t of valid) {
    JSON.parse(t);
    assert.equal(jsonErrorOffset(t), -1, t);
  }
});

test('invalid JSON: the offset of the first bad character', () => {
  for (const [t, at] of invalid) {
    assert.throws(() => JSON.parse(t));
    assert.equal(jsonErrorOffset(t), at, JSON.stringify(t));
  }
});

test('100,000 levels of nesting do not exhaust the stack', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  assert.equal(jsonErrorOffset(deep), -1);
  assert.equal(jsonErrorOffset('['.repeat(100_000)), 100_000);
});
