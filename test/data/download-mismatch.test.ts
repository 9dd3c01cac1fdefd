// A download whose sha256 differs from the pin is rejected and leaves nothing in the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchPinned } from '../../src/data/download.js';
import { SHARED_DATA, sharedFile } from '../helpers/shared-data.js';
import { serveFiles } from './serve-files.js';

const f = sharedFile('cifar/cifar10_test_first20_exact.bin');
const ACTUAL = '7a75c7f3d741a45b5f79cc341c8607a874c6f441de815b9d426ace5249b5c733';
const WRONG = '0'.repeat(64);

test('sha256 mismatch: error names expected and got, cache folder stays empty', { skip: f.skip }, async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'zsnas-dl-'));
  const server = await serveFiles(SHARED_DATA);
  try {
    const url = `${server.url}/cifar/cifar10_test_first20_exact.bin`;
    await assert.rejects(fetchPinned({ url, sha256: WRONG, name: 'x.bin', cacheDir }), {
      message: `sha256 mismatch for ${url}: expected ${WRONG}, got ${ACTUAL}`,
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
