// `zsnas compare --fail-on-regression`: a corrupt, unknown-version or folder baseline fails the gate; only a
// missing baseline is a first run (exit 0).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { writeRunDir } from '../helpers/run-dir.js';

const ARCHS = ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|'];

async function compare(baseline: (dir: string) => void): Promise<{ code: number; err: string }> {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-gate-'));
  const results = writeRunDir(ARCHS, { dir: join(root, 'results') });
  writeFileSync(join(root, 'spec.yml'), `name: fixture\narchs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]\nproxies: [params, grad_norm]\n` +
    `baseline: base.json\noutput: results\n`);
  baseline(join(root, 'base.json'));
  let err = '';
  const write = process.stderr.write;
  const out = process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return { code: await main(['compare', join(root, 'spec.yml'), '--results', results, '--fail-on-regression']), err };
  } finally {
    process.stderr.write = write;
    process.stdout.write = out;
  }
}

test('a missing baseline is a first run', async () => {
  assert.equal((await compare(() => {})).code, 0);
});

test('corrupt, unknown-version and folder baselines fail, naming the file', async () => {
  for (const [make, why] of [
    [(p: string) => writeFileSync(p, '{"format": "zsnas-baseline", "formatVersion": 1, "sc'), /base\.json:1:\d+: invalid JSON/],
    [(p: string) => writeFileSync(p, '{"format": "zsnas-baseline", "formatVersion": 99}'), /format version 99, newer than/],
    [(p: string) => writeFileSync(p, '{"format": "zsnas-baseline", "formatVersion": 1}'), /base\.json: backend: got nothing/],
    [(p: string) => mkdirSync(p), /base\.json: is a folder/],
  ] as const) {
    const r = await compare(make);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, why);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
