// A truncated CIFAR file, or one with fewer records than asked, fails with path, size, record size and count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCifarBin } from '../../src/data/cifar.js';

test('size not a multiple of the record size', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-cifar-'));
  try {
    const path = join(dir, 'cut.bin');
    writeFileSync(path, Buffer.alloc(2 * 3073 + 100));
    assert.throws(() => readCifarBin(path, { dataset: 'cifar10' }), {
      message: `${path}: truncated CIFAR binary file: 6246 bytes is not a multiple of the record size 3073 `
        + '(1 label byte + 3072 pixel bytes); it holds 2 complete records and 100 stray bytes',
    });
    // The official CIFAR-100 layout has 2 label bytes per record: 3 records of 3074 bytes are complete.
    writeFileSync(path, Buffer.alloc(3 * 3074));
    assert.equal(readCifarBin(path, { dataset: 'cifar100', labelBytes: 2 }).n, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fewer records than asked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-cifar-'));
  try {
    const path = join(dir, 'two.bin');
    writeFileSync(path, Buffer.alloc(2 * 3073));
    assert.throws(() => readCifarBin(path, { dataset: 'cifar10', offset: 1, count: 2 }), {
      message: `${path}: asked for 2 records from record 1, but the file (6146 bytes, record size 3073) holds only 2 complete records`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
