// Calibration batches from a spec's data section: consecutive CIFAR records, or seeded Gaussian batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrationHash, loadCalibration } from '../../src/data/calibration.js';
import { readCifarBin } from '../../src/data/cifar.js';
import { sharedFile } from '../helpers/shared-data.js';

const c10 = sharedFile('cifar/cifar10_test_first20_exact.bin');

test('CIFAR batches are consecutive records', { skip: c10.skip }, () => {
  const batches = loadCalibration({ kind: 'cifar-bin', path: c10.path, batchSize: 6, batches: 3 }, 'cifar10');
  assert.equal(batches.length, 3);
  assert.deepEqual(batches.map((b) => [...b.labels]), [[3, 8, 8, 0, 6, 6], [1, 6, 3, 1, 0, 9], [5, 7, 9, 8, 5, 7]]);
  const all = readCifarBin(c10.path, { dataset: 'cifar10', count: 18 });
  assert.deepEqual(batches[1].images, all.images.slice(6 * 3072, 12 * 3072));
});

test('too few records for batches x batch_size', { skip: c10.skip }, () => {
  assert.throws(() => loadCalibration({ kind: 'cifar-bin', path: c10.path, batchSize: 16, batches: 2 }, 'cifar10'), {
    message: `calibration data ${c10.path} holds 20 complete records, but data.batches x data.batch_size = 2 x 16 = 32 are needed`,
  });
});

test('Gaussian batches: dataset shape, distinct batches, stable first batch, hash', () => {
  const two = loadCalibration({ kind: 'gaussian', seed: 1, batchSize: 4, batches: 2 }, 'ImageNet16-120');
  const one = loadCalibration({ kind: 'gaussian', seed: 1, batchSize: 4, batches: 1 }, 'ImageNet16-120');
  assert.deepEqual([two.length, two[0].height, two[0].images.length], [2, 16, 4 * 16 * 16 * 3]);
  assert.notDeepEqual(two[0].images, two[1].images);
  assert.deepEqual(one[0], two[0]);
  // Gaussian sets are hashed by what makes them (seed, count, shape): equal inputs, equal hash; any change, another.
  assert.equal(calibrationHash(one), calibrationHash(loadCalibration({ kind: 'gaussian', seed: 1, batchSize: 4, batches: 1 }, 'ImageNet16-120')));
  assert.notEqual(calibrationHash(one), calibrationHash(loadCalibration({ kind: 'gaussian', seed: 2, batchSize: 4, batches: 1 }, 'ImageNet16-120')));
  assert.notEqual(calibrationHash(one), calibrationHash(loadCalibration({ kind: 'gaussian', seed: 1, batchSize: 4, batches: 1 }, 'cifar10')));
  assert.notEqual(calibrationHash(one), calibrationHash(two));
  assert.match(calibrationHash(two), /^[0-9a-f]{64}$/);
});
