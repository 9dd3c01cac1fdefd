// HTTP errors name the URL and the status; nothing is written to the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetchPinned } from '../../src/data/download.js';
import { serveFiles } from './serve-files.js';

test('404 Not Found', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'zsnas-dl-'));
  const server = await serveFiles(cacheDir);
  try {
    const url = `${server.url}/nope.csv`;
    await assert.rejects(fetchPinned({ url, sha256: 'a'.repeat(64), name: 'nope.csv', cacheDir }), {
      message: `download of ${url} failed: HTTP 404 Not Found`,
    });
    assert.deepEqual(readdirSync(cacheDir), []);
  } finally {
    await server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('connection refused names the URL', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'zsnas-dl-'));
  const server = await serveFiles(cacheDir);
  const url = `${server.url}/gone.csv`;
  await server.close();
  try {
    await assert.rejects(fetchPinned({ url, sha256: 'a'.repeat(64), name: 'gone.csv', cacheDir }), {
      message: `download of ${url} failed: ECONNREFUSED`,
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
