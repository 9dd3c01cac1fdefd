// `merge --proxies` compares the calibration file by name: a committed run (data path relative to the checkout)
// joins a run that read the same file from an absolute path, and a run that read another file is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdMerge } from '../../src/commands/merge.js';
import { readResults } from '../../src/rundir/read.js';
import { runManifest, writeRunDir } from '../helpers/run-dir.js';

const ARCHS = ['a', 'b', 'c'];

function run(dir: string, proxy: string, path: string): string {
  const manifest = runManifest(ARCHS, {
    spec: { name: 'fixture', proxies: [{ name: proxy }], data: { kind: 'cifar-bin', path, batchSize: 4, batches: 1 } },
    proxies: [{ name: proxy, direction: 1 }], timings: { totalSeconds: 1, perProxySeconds: { [proxy]: 1 } },
  });
  const rows = ARCHS.map((arch, i) => ({ arch, proxy, value: i + (proxy === 'synflow' ? 0.5 : 0.25), status: 'ok' as const, seconds: 0.1 }));
  writeRunDir(ARCHS, { dir, manifest, rows });
  rmSync(join(dir, 'latency.json'));
  return dir;
}

test('the same calibration file under another folder joins; another file is refused', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-join-path-'));
  const committed = run(join(root, 'committed'), 'params', '../shared/data/cifar/cifar10_test_300_jpeg.bin');
  const added = run(join(root, 'added'), 'synflow', '/data/somewhere/cifar/cifar10_test_300_jpeg.bin');
  const other = run(join(root, 'other'), 'grad_norm', '/data/somewhere/cifar/cifar10_test_first20_exact.bin');
  assert.equal(await cmdMerge(['--proxies', join(root, 'joined'), committed, added]), 0);
  const joined = readResults(join(root, 'joined'));
  assert.deepEqual(joined.scores.map((r) => `${r.arch} ${r.proxy} ${r.value}`),
    ['a params 0.25', 'a synflow 0.5', 'b params 1.25', 'b synflow 1.5', 'c params 2.25', 'c synflow 2.5']);
  await assert.rejects(cmdMerge(['--proxies', join(root, 'bad'), committed, other]), /other.*run\.json: data .*cifar10_test_first20_exact\.bin.* differs/s);
});
