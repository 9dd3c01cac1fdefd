// SSS arch strings and indices: itertools.product order both ways, canonical keys, and parse errors that point
// at the offending character like NB201's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalSssArch, parseSssArch, sssArchAt, sssIndexOf, NATS_SSS_SIZE } from '../../src/spaces/nats-sss/arch.js';
import { selectSssArchs } from '../../src/spaces/nats-sss/select.js';

test('index <-> channels follows itertools.product([8..64], repeat=5)', () => {
  assert.equal(canonicalSssArch(0), '8:8:8:8:8');
  assert.equal(canonicalSssArch(1), '8:8:8:8:16');
  assert.equal(canonicalSssArch(8), '8:8:8:16:8');
  assert.equal(canonicalSssArch(NATS_SSS_SIZE - 1), '64:64:64:64:64');
  for (const i of [0, 1, 7, 8, 511, 4096, 12345, 32767]) assert.equal(sssIndexOf(sssArchAt(i)), i);
  assert.throws(() => sssArchAt(32768), /out of range 0\.\.32767/);
});

test('strings and indices select the same canonical keys, duplicates dropped', () => {
  assert.deepEqual(selectSssArchs({ kind: 'list', items: [' 8:8:8:8:16 ', 1, 32767] }), ['8:8:8:8:16', '64:64:64:64:64']);
  const sample = selectSssArchs({ kind: 'sample', n: 5, seed: 3 });
  assert.equal(sample.length, 5);
  assert.deepEqual(selectSssArchs({ kind: 'sample', n: 5, seed: 3 }), sample);
});

test('bad strings: position, expectation and a caret under the character', () => {
  assert.throws(() => parseSssArch('8:8:12:8:8'), (e: Error) => {
    assert.match(e.message, /at character 5: expected channel count 3 of 5, one of 8, 16, 24, 32, 40, 48, 56, 64, got "12:8:8"/);
    assert.equal(e.message.split('\n')[2], '      ^'); // two-space indent + 4 characters before position 5
    return true;
  });
  assert.throws(() => parseSssArch('8:8:8:8'), /at character 8: expected ":" before channel count 5 of 5, got end of string/);
  assert.throws(() => parseSssArch('8:8:8:8:8:8'), /at character 10: expected end of string \(an SSS arch has exactly 5 channel counts\), got ":8"/);
  assert.throws(() => parseSssArch('8,8,8,8,8'), /at character 2: expected ":"/);
  assert.throws(() => parseSssArch('|nor_conv_3x3~0|+|'), /at character 1: expected channel count 1 of 5/);
});
