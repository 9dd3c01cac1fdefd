// A pinned file is downloaded once, verified, and then served from the cache without the network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchPinned, sha256File } from '../../src/data/download.js';
import { SHARED_DATA, sharedFile } from '../helpers/shared-data.js';
import { serveFiles } from './serve-files.js';

const f = sharedFile('cifar/cifar10_test_first20_exact.bin');
const SHA = '7a75c7f3d741a45b5f79cc341c8607a874c6f441de815b9d426ace5249b5c733';

test('download, verify, then reuse the cached copy with the server gone', { skip: f.skip }, async () => {
  const cacheDir = join(mkdtempSync(join(tmpdir(), 'zsnas-dl-')), 'nested', 'cache');
  const server = await serveFiles(SHARED_DATA);
  try {
    const pinned = { url: `${server.url}/cifar/cifar10_test_first20_exact.bin`, sha256: SHA, name: 'c10-first20.bin', cacheDir };
    const path = await fetchPinned(pinned);
    assert.equal(path, join(cacheDir, 'c10-first20.bin'));
    assert.equal(await sha256File(path), SHA);
    assert.deepEqual(readFileSync(path), readFileSync(f.path));
    assert.deepEqual(readdirSync(cacheDir), ['c10-first20.bin'], 'no temp files left');
    assert.equal(server.requests.length, 1);
    await server.close();
    assert.equal(await fetchPinned(pinned), path);
  } finally {
    await server.close().catch(() => undefined);
    rmSync(join(cacheDir, '../..'), { recursive: true, force: true });
  }
});
