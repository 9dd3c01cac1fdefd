// Pixels are normalised per channel as (byte/255 - mean) / std with the dataset's constants, in NHWC order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readCifarBin } from '../../src/data/cifar.js';
import { DATASETS } from '../../src/data/datasets.js';
import { sharedFile } from '../helpers/shared-data.js';

const c10 = sharedFile('cifar/cifar10_test_first20_exact.bin');
const REC = 3073;

test('CIFAR-10 image 7, pixel (y=5, x=20), every channel', { skip: c10.skip }, () => {
  const raw = readFileSync(c10.path);
  const b = readCifarBin(c10.path, { dataset: 'cifar10' });
  const { mean, std } = DATASETS.cifar10;
  assert.deepEqual(mean.map((m) => Math.round(m * 2550) / 10), [125.3, 123, 113.9]);
  for (let c = 0; c < 3; c++) {
    const byte = raw[7 * REC + 1 + c * 1024 + 5 * 32 + 20];
    const got = b.images[((7 * 32 + 5) * 32 + 20) * 3 + c];
    assert.equal(got, Math.fround((byte / 255 - mean[c]) / std[c]));
  }
});

test('ImageNet16-120 stand-in: 2x2 box average, ImageNet16 mean/std, 16x16', { skip: c10.skip }, () => {
  const raw = readFileSync(c10.path);
  const b = readCifarBin(c10.path, { dataset: 'ImageNet16-120', count: 4 });
  assert.deepEqual([b.n, b.height, b.width, b.images.length], [4, 16, 16, 4 * 16 * 16 * 3]);
  const { mean, std } = DATASETS['ImageNet16-120'];
  const [i, y, x, c] = [3, 9, 4, 2];
  const at = (yy: number, xx: number) => raw[i * REC + 1 + c * 1024 + yy * 32 + xx];
  const avg = (at(2 * y, 2 * x) + at(2 * y, 2 * x + 1) + at(2 * y + 1, 2 * x) + at(2 * y + 1, 2 * x + 1)) / 4;
  assert.equal(b.images[((i * 16 + y) * 16 + x) * 3 + c], Math.fround((avg / 255 - mean[c]) / std[c]));
});
