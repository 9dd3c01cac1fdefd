// Hostile spec files: nesting thousands deep, binary data, megabyte-long keys and values, hundreds of problems.
// Each gives one short message naming the file; none exhausts the stack or echoes the input whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';

const dir = mkdtempSync(join(tmpdir(), 'zsnas-hostile-spec-'));
function refusal(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  try { loadSpec(p, specOptions()); } catch (e) {
    assert.doesNotMatch(String((e as Error).stack ?? ''), /Maximum call stack/);
    return (e as Error).message;
  }
  assert.fail('accepted');
}

test('YAML nested 5,000 deep (flow and block)', () => {
  assert.match(refusal('flow.yml', `name: t\narchs: ${'['.repeat(5000)}${']'.repeat(5000)}\n`), /flow\.yml:2: nested more than 64 levels deep/);
  const block = Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join('\n');
  assert.match(refusal('block.yml', `name: t\ndata:\n${block}\n`), /block\.yml:\d+: nested more than 64 levels deep/);
});

test('a 10 MB binary file: one short message', () => {
  const bin = Buffer.alloc(10 * 1024 * 1024, 7);
  bin[100] = 0;
  const msg = refusal('bin.yml', bin);
  assert.ok(msg.length < 200, msg);
  assert.match(msg, /bin\.yml: \d+ bytes, larger than|bin\.yml: binary data/);
});

test('long keys and values are cut; problems are capped at 20', () => {
  const long = 'x'.repeat(1_000_000);
  const msg = refusal('long.yml', `name: t\n${long}: 1\narchs: ['${long}']\n`);
  assert.ok(msg.length < 2000, `message of ${msg.length} chars`);
  const many = refusal('many.yml', `name: t\n${Array.from({ length: 300 }, (_, i) => `bad${i}: 1`).join('\n')}\n`);
  const lines = many.split('\n');
  assert.equal(lines.length, 21);
  assert.equal(lines[20], '... and 280 more');
});

test('ordinary specs still parse', () => {
  parseSpec('name: t\narchs: [0, 1]\nproxies: [params, { name: naswot, options: { samples: 8 } }]\n', 's.yml', specOptions());
});
