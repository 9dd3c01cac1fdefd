// Arch strings: round trip, and errors that name the position and what was expected there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArchError, formatArch, parseArch } from '../../src/spaces/nb201/arch.js';

const GOOD = '|nor_conv_3x3~0|+|none~0|nor_conv_1x1~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|';

test('parses the six edges in order and formats back to the same string', () => {
  const a = parseArch(GOOD);
  assert.deepEqual(a.edges.map((e) => `${e.from}->${e.to}:${e.op}`), [
    '0->1:nor_conv_3x3', '0->2:none', '1->2:nor_conv_1x1', '0->3:skip_connect', '1->3:avg_pool_3x3', '2->3:nor_conv_3x3',
  ]);
  assert.equal(formatArch(a), GOOD);
});

function errorOf(s: string): ArchError {
  try {
    parseArch(s);
  } catch (e) {
    assert.ok(e instanceof ArchError);
    return e;
  }
  assert.fail(`no error for ${s}`);
}

test('unknown op: position and the list of ops', () => {
  const e = errorOf('|nor_conv_3x3~0|+|none~0|conv_5x5~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|');
  assert.equal(e.position, 25); // 0-based: '|nor_conv_3x3~0|+|none~0|' is 25 characters
  assert.match(e.message, /^invalid NB201 arch string at character 26: expected an op \(none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3\), got "conv_5x5~1\|\+\|ski"/);
});

test('wrong input node index', () => {
  const e = errorOf('|nor_conv_3x3~0|+|none~0|nor_conv_1x1~0|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|');
  assert.equal(e.message.split('\n')[0], 'invalid NB201 arch string at character 39: expected input node 1 ("~1") for node 2, got "0|+|skip_connect"');
});

test('missing group separator and trailing text', () => {
  assert.equal(errorOf('|nor_conv_3x3~0||none~0|nor_conv_1x1~1|').message.split('\n')[0],
    'invalid NB201 arch string at character 17: expected "+", got "|none~0|nor_conv"');
  assert.equal(errorOf(GOOD + '+|none~0|').message.split('\n')[0],
    `invalid NB201 arch string at character ${GOOD.length + 1}: expected end of string (an NB201 cell has exactly 3 nodes), got "+|none~0|"`);
  assert.equal(errorOf('|nor_conv_3x3~0|+|none~0|').message.split('\n')[0],
    'invalid NB201 arch string at character 26: expected an op (none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3), got end of string');
});

test('the message points at the position with a caret', () => {
  const lines = errorOf('|nor_conv_3x3~0|+|none~0|conv_5x5~1|').message.split('\n');
  assert.equal(lines[2].indexOf('^'), 2 + 25);
});
