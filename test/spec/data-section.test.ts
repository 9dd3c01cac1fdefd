// The data section: Gaussian or a CIFAR binary file (plain path or {path, label_bytes}), never both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

test('cifar_bin forms resolve against the spec folder', () => {
  assert.deepEqual(parseSpec('name: x\ndata: {cifar-bin: c.bin, batch_size: 8, batches: 1}\n', '/s/x.yml').data,
    { kind: 'cifar-bin', path: '/s/c.bin', batchSize: 8, batches: 1 });
  assert.deepEqual(parseSpec('name: x\ndata:\n  cifar_bin: {path: ../c100.bin, label_bytes: 2}\n', '/s/x.yml', { allowOutsidePaths: true }).data,
    { kind: 'cifar-bin', path: '/c100.bin', batchSize: 64, batches: 2, labelBytes: 2 });
});

test('both sources, or a bad batch size, are errors', () => {
  assert.throws(() => parseSpec('name: x\ndata:\n  gaussian: {seed: 1}\n  cifar_bin: c.bin\n  batch_size: 0\n', 'x.yml'), {
    message: 'x.yml:4:3: data: got both gaussian and cifar_bin, expected exactly one of gaussian, cifar_bin\n'
      + 'x.yml:5:15: data.batch_size: got 0, expected an integer >= 1',
  });
});
