// The pinned sha256 values match the reference files; resolveDataFile prefers a local copy, else downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256File } from '../../src/data/download.js';
import { DATA_FILES, DEFAULT_DATA_URL, dataBaseUrl, dataSource, resolveDataFile } from '../../src/data/sources.js';
import { SHARED_DATA, sharedFile } from '../helpers/shared-data.js';
import { serveFiles } from './serve-files.js';

const probe = sharedFile('cifar/cifar10_test_first20_exact.bin');

test('every pinned hash matches the shared data file', { skip: probe.skip }, async () => {
  assert.equal(DATA_FILES.length, 4);
  for (const f of DATA_FILES) assert.equal(await sha256File(sharedFile(f.file).path), f.sha256, f.name);
});

test('base URL: default, env override, unknown names', () => {
  assert.equal(dataBaseUrl({}), DEFAULT_DATA_URL);
  assert.equal(dataBaseUrl({ ZSNAS_DATA_URL: 'http://mirror/x/' }), 'http://mirror/x');
  assert.equal(dataSource('nb201_accuracy.csv', 'http://m').url, 'http://m/nb201_accuracy.csv');
  assert.throws(() => dataSource('nb201_acuracy.csv'), {
    message: 'unknown data file "nb201_acuracy.csv"; pinned files: nb201_accuracy.csv, nb201_hw_nas_bench.csv, '
      + 'cifar10_test_first20_exact.bin, cifar10_test_300_jpeg.bin (did you mean "nb201_accuracy.csv"?)',
  });
});

test('a local folder wins; without one the file is downloaded into the cache', { skip: probe.skip }, async () => {
  const name = 'cifar10_test_first20_exact.bin';
  assert.equal(await resolveDataFile(name, { localDir: SHARED_DATA }), probe.path);
  const cacheDir = mkdtempSync(join(tmpdir(), 'zsnas-src-'));
  const flat = await serveFiles(join(SHARED_DATA, 'cifar')); // release assets are flat
  try {
    const got = await resolveDataFile(name, { localDir: join(cacheDir, 'absent'), cacheDir, baseUrl: flat.url });
    assert.equal(got, join(cacheDir, name));
    assert.equal(await sha256File(got), dataSource(name).sha256);
    assert.deepEqual(flat.requests, [`/${name}`]);
  } finally {
    await flat.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
