// A run refuses, before any scoring and writing nothing, what cannot work: missing referenced files, an output
// path that is not a writable folder, and calibration data or activations that cannot fit in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { runExperiment } from '../../src/commands/run.js';
import { InputError } from '../../src/io/input-error.js';

const ALL_3X3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';

async function refusal(body: string, out?: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-preflight-'));
  const output = out ?? join(dir, 'out');
  const spec = parseSpec(`name: t\narchs: ['${ALL_3X3}']\nlatency: false\nbackend: wasm\noutput: ${output}\n${body}`, join(dir, 'spec.yml'), { ...specOptions(), allowOutsidePaths: true });
  let msg = '';
  await assert.rejects(runExperiment(spec, { log: () => {} }), (e: Error) => { assert.ok(e instanceof InputError, String(e)); msg = e.message; return true; });
  if (out === undefined && existsSync(output)) assert.deepEqual(readdirSync(output), [], 'nothing written');
  return msg;
}

test('missing files named in the spec', async () => {
  assert.match(await refusal('data: { cifar_bin: nope.bin }\n'), /data\.cifar_bin: \S*nope\.bin not found/);
  assert.match(await refusal('ground_truth: { path: gt.csv }\n'), /ground_truth\.path: \S*gt\.csv not found/);
});

test('output that is not a writable folder: a file, /dev/full, under a file', async () => {
  const f = join(mkdtempSync(join(tmpdir(), 'zsnas-preflight-')), 'file');
  writeFileSync(f, 'x');
  assert.match(await refusal('proxies: [params]\n', f), /output: \S*file is not a folder/);
  if (existsSync('/dev/full')) assert.match(await refusal('proxies: [params]\n', '/dev/full'), /output: \/dev\/full is not a folder/);
  assert.match(await refusal('proxies: [params]\n', join(f, 'sub')), /output: cannot create the folder/);
});

test('calibration data and activations that cannot fit, with the estimate', async () => {
  assert.match(await refusal('data: { batch_size: 1000000000, batches: 1 }\nproxies: [grad_norm]\n'), /1 batches x 1000000000 images need about 11447\.8 GiB/);
  assert.match(await refusal('data: { batch_size: 400, batches: 1 }\nproxies: [grad_norm]\n'), /data\.batch_size 400: one forward pass of \|nor_conv_3x3~0\|.* keeps at least 4\.7 GiB of activations, more than the 4 GiB wasm heap; use data\.batch_size 338 or less/);
});
