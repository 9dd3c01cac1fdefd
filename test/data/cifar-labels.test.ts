// The first 20 CIFAR-10 test labels read back from the lossless sample file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCifarBin } from '../../src/data/cifar.js';
import { sharedFile } from '../helpers/shared-data.js';

const c10 = sharedFile('cifar/cifar10_test_first20_exact.bin');
const c100 = sharedFile('cifar/cifar100_test_first20_exact.bin');

test('CIFAR-10 test labels 0..19', { skip: c10.skip }, () => {
  const b = readCifarBin(c10.path, { dataset: 'cifar10' });
  assert.equal(b.n, 20);
  assert.deepEqual([...b.labels], [3, 8, 8, 0, 6, 6, 1, 6, 3, 1, 0, 9, 5, 7, 9, 8, 5, 7, 8, 6]);
  assert.equal(b.images.length, 20 * 32 * 32 * 3);
  assert.deepEqual([b.height, b.width], [32, 32]);
});

test('count and offset select consecutive records', { skip: c10.skip }, () => {
  const b = readCifarBin(c10.path, { dataset: 'cifar10', offset: 11, count: 3 });
  assert.deepEqual([...b.labels], [9, 5, 7]);
  const all = readCifarBin(c10.path, { dataset: 'cifar10' });
  const per = 32 * 32 * 3;
  assert.deepEqual(b.images, all.images.subarray(11 * per, 14 * per));
});

test('CIFAR-100 fine labels 49, 33 (mountain, forest); labels beyond CIFAR-10 classes are refused', { skip: c100.skip }, () => {
  assert.deepEqual([...readCifarBin(c100.path, { dataset: 'cifar100', count: 2 }).labels], [49, 33]);
  assert.throws(() => readCifarBin(c100.path, { dataset: 'cifar10', count: 1 }), {
    message: `${c100.path}: record 0 has label 49, out of range for cifar10 (10 classes)`,
  });
});
