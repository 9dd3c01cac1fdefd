// One arch cannot break the rest: a proxy that exhausts the wasm heap gets an error row, the backend is restarted,
// and the next arch scores normally with nothing leaked; a proxy module's stray promise rejection becomes that
// proxy's error row instead of ending the process with a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';

const CLI = fileURLToPath(new URL('../helpers/cli-entry.ts', import.meta.url));

const A = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const B = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const needs = '{ data: true, labels: false, paramGrads: false, inputGrads: false, perSample: false }';

test('heap exhaustion on one arch, a stray rejection on every arch: the run completes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-guard-'));
  // Holds 800 MB tensors on arch A only until the wasm heap (4 GiB) aborts.
  writeFileSync(join(dir, 'hog.mjs'), `export default { name: 'hog', description: 'x', needs: ${needs}, direction: 1,
    compute(ctx) { if (ctx.archKey.includes('conv')) { const keep = []; for (let i = 0; i < 8; i++) keep.push(ctx.input(0).reshape([-1]).pad([[0, 200000000]])); }
      return ctx.graph.nodes.length; } };\n`);
  writeFileSync(join(dir, 'stray.mjs'), `export default { name: 'stray', description: 'x', needs: ${needs}, direction: 1,
    compute() { Promise.reject(new Error('forgot to await')); return 1; } };\n`);
  writeFileSync(join(dir, 'spec.yml'), `name: t\narchs: ['${A}', '${B}']\ndata: { batch_size: 1, batches: 1 }\nlatency: false\nbackend: wasm\n` +
    `output: out\nproxies: [{ name: hog, module: ./hog.mjs }, params, { name: stray, module: ./stray.mjs }]\n`);
  // In a child process, as users run it: the test runner's own rejection tracking stays out of the picture.
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'run', join(dir, 'spec.yml')], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.match(r.stderr, /backend failed on .*restarted it/);
  const rows = parseScoresCsv(readFileSync(join(dir, 'out', 'scores.csv'), 'utf8'));
  const errors = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8')).errors as Array<{ arch: string; proxy: string; error: string }>;
  const row = (arch: string, proxy: string) => rows.find((s) => s.arch === arch && s.proxy === proxy)!;
  const error = (arch: string, proxy: string) => errors.find((s) => s.arch === arch && s.proxy === proxy)?.error ?? '';
  assert.equal(row(A, 'hog').status, 'error');
  assert.match(error(A, 'hog'), /out of memory/);
  assert.equal(row(B, 'hog').status, 'ok');
  assert.equal(row(B, 'params').status, 'ok');
  for (const a of [A, B]) {
    assert.equal(row(a, 'stray').status, 'error');
    assert.match(error(a, 'stray'), /unhandled promise rejection in a proxy module: forgot to await/);
  }
});
