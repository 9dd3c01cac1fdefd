// readJsonFile: every way a JSON file can be unusable gives one InputError naming the file (and line:col).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile } from '../../src/io/json.js';
import { InputError } from '../../src/io/input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'zsnas-json-'));

function refusal(path: string): string {
  try {
    readJsonFile(path, 'a run.json');
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.equal(e.message.split('\n').length, 1);
    return e.message;
  }
  assert.fail('accepted');
}

test('a valid file parses', () => {
  writeFileSync(join(dir, 'ok.json'), '{"a": [1, 2]}');
  assert.deepEqual(readJsonFile(join(dir, 'ok.json'), 'x'), { a: [1, 2] });
});

test('missing file, folder, empty file', () => {
  assert.match(refusal(join(dir, 'nope.json')), /nope\.json: not found, expected a run\.json$/);
  mkdirSync(join(dir, 'folder.json'));
  assert.match(refusal(join(dir, 'folder.json')), /folder\.json: is a folder/);
  writeFileSync(join(dir, 'empty.json'), '  \n');
  assert.match(refusal(join(dir, 'empty.json')), /empty\.json: empty file/);
});

test('a syntax error names line and column', () => {
  writeFileSync(join(dir, 'bad.json'), '{\n  "a": 1,\n  "b": }\n');
  assert.match(refusal(join(dir, 'bad.json')), /bad\.json:3:8: invalid JSON/);
});

test('truncated JSON names the file', () => {
  writeFileSync(join(dir, 'cut.json'), '{"formatVersion": 1, "archs": ["a"');
  assert.match(refusal(join(dir, 'cut.json')), /cut\.json(:\d+:\d+)?: invalid JSON/);
});

test('binary data is one short message', () => {
  const bin = Buffer.alloc(1 << 20);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) & 255;
  writeFileSync(join(dir, 'bin.json'), bin);
  const msg = refusal(join(dir, 'bin.json'));
  assert.match(msg, /bin\.json: binary data/);
  assert.ok(msg.length < 200);
});

test('files over the size limit are refused before reading', () => {
  writeFileSync(join(dir, 'big.json'), `[${'1,'.repeat(1000)}1]`);
  assert.throws(() => readJsonFile(join(dir, 'big.json'), 'x', { maxBytes: 100 }), /big\.json: 2003 bytes, larger than the 100 bytes/);
});
