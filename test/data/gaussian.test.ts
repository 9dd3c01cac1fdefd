// Gaussian calibration batches are a pure function of (seed, shape, classes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussianBatch } from '../../src/data/gaussian.js';

test('same seed, same bytes; another seed, other bytes', () => {
  const a = gaussianBatch(3, 8, [16, 16, 3], 120);
  const b = gaussianBatch(3, 8, [16, 16, 3], 120);
  const c = gaussianBatch(4, 8, [16, 16, 3], 120);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.images, c.images);
  assert.deepEqual([a.n, a.height, a.width, a.images.length, a.labels.length], [8, 16, 16, 8 * 16 * 16 * 3, 8]);
});

test('labels do not depend on the image shape, and are in range', () => {
  const a = gaussianBatch(11, 64, [32, 32, 3], 10);
  const b = gaussianBatch(11, 64, [16, 16, 3], 10);
  assert.deepEqual(a.labels, b.labels);
  assert.ok(a.labels.every((l) => l >= 0 && l < 10));
  assert.ok(new Set(a.labels).size > 5, 'labels spread over the classes');
});

test('standard normal moments within 5 standard errors (n = 196,608)', () => {
  const { images } = gaussianBatch(0, 64, [32, 32, 3], 10);
  let s = 0, s2 = 0;
  for (const v of images) { s += v; s2 += v * v; }
  const n = images.length, mean = s / n, variance = s2 / n - mean * mean;
  assert.ok(Math.abs(mean) < 5 / Math.sqrt(n), `mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 5 * Math.sqrt(2 / n), `variance ${variance}`);
});
