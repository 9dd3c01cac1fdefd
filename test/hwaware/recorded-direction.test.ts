// hw-aware takes each proxy's direction from run.json, as compare and correlate do: a custom proxy recorded with
// direction -1 whose score is minus the accuracy picks the most accurate arch under every budget (gap 0); read as
// higher-is-better it would pick the least accurate one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA, sharedFile } from '../helpers/shared-data.js';
import { writeRunDir } from '../helpers/run-dir.js';
import { cmdHwAware } from '../../src/commands/hw-aware.js';
import { accuracyByArch, archByIndex } from '../../src/data/groundtruth.js';

const acc = sharedFile('nb201/nb201_accuracy.csv');
const hw = sharedFile('nb201/nb201_hw_nas_bench.csv');

test('hw-aware: a direction -1 custom proxy recorded in run.json is lower-is-better', { skip: acc.skip || hw.skip }, async () => {
  process.env.ZSNAS_DATA_DIR = SHARED_DATA;
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-hw-dir-'));
  const idx = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const table = archByIndex(acc.path);
  const archs = idx.map((i) => table[i]);
  const accuracy = accuracyByArch(acc.path, 'c10_test_200e');
  const rows = archs.map((arch) => ({ arch, proxy: 'lower', value: -accuracy.get(arch)!, status: 'ok' as const, seconds: 0 }));
  writeRunDir(archs, {
    dir, rows,
    manifest: { spec: { proxies: [{ name: 'lower' }] }, proxies: [{ name: 'lower', direction: -1, module: './lower.mjs', moduleHash: 'x' }], timings: { totalSeconds: 1, perProxySeconds: {} } },
  });
  // hw-aware must not import the module: the direction comes from run.json.
  writeFileSync(join(dir, 'lower.mjs'), 'throw new Error("hw-aware must not import the module");\n');
  writeFileSync(join(dir, 'spec.yml'), `name: hw-dir\narchs: [${idx.join(', ')}]\nproxies: [{ name: lower, module: ./lower.mjs }]\n` +
    `latency: false\nground_truth: { path: ${acc.path} }\n`);
  const out = join(dir, 'out');
  assert.equal(await cmdHwAware([join(dir, 'spec.yml'), '--from', dir, '--out', out, '--budgets', '4']), 0);
  const json = JSON.parse(readFileSync(join(out, 'hw-aware.json'), 'utf8'));
  const gaps = json.meanGaps.lower as Record<string, number>;
  assert.ok(Object.keys(gaps).length >= 2, JSON.stringify(gaps));
  for (const [cost, gap] of Object.entries(gaps)) assert.equal(gap, 0, `mean gap under ${cost}`);
});
