// Flags get the spec's checks: --seed within 0..2^32-1, --proxies each known name once (with did-you-mean),
// zico only with enough calibration batches, --archs lines checked and never echoed whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOverrides } from '../../src/commands/overrides.js';
import { readSpec } from '../../src/commands/spec-io.js';
import { InputError } from '../../src/io/input-error.js';

const spec = readSpec(undefined);
const refusal = (o: Parameters<typeof applyOverrides>[1]) => {
  try { applyOverrides(spec, o); } catch (e) { assert.ok(e instanceof InputError, String(e)); return e.message; }
  assert.fail('accepted');
};

test('--seed', () => {
  assert.match(refusal({ seed: '1e20' }), /^--seed: got "1e20", expected an integer from 0 to 4294967295$/);
  assert.match(refusal({ seed: '4294967296' }), /--seed: got "4294967296"/);
  assert.match(refusal({ seed: '-1' }), /--seed: got "-1"/);
  assert.equal(applyOverrides(spec, { seed: '4294967295' }).seed, 4294967295);
});

test('--proxies: duplicates, unknown names, empty names, zico without batches', () => {
  assert.match(refusal({ proxies: 'params,params' }), /^--proxies: "params" given twice, expected each proxy once$/);
  assert.match(refusal({ proxies: 'params,gradnorm' }), /--proxies: unknown proxy "gradnorm" \(did you mean "grad_norm"\?\)/);
  assert.match(refusal({ proxies: 'params,,flops' }), /--proxies: name 2 is empty/);
  assert.match(refusal({ proxies: 'zico' }), /--proxies: zico reads 2 calibration batches, but <embedded> has data\.batches 1/);
});

test('--archs: bad lines named, duplicates refused, a 1 MB line not echoed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-archs-'));
  const f = join(dir, 'archs.txt');
  writeFileSync(f, `0\n0\n99999\n${'|'.repeat(1_000_000)}\n`);
  const msg = refusal({ archsFile: f });
  assert.match(msg, /archs\.txt:2: "0" again \(also line 1\)/);
  assert.match(msg, /archs\.txt:3: index 99999 out of range 0\.\.15624/);
  assert.match(msg, /archs\.txt:4: a line of 1000000 characters, expected one arch/);
  assert.ok(msg.length < 500);
});
