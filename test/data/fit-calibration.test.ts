// Calibration data for a model with its own input size / classes: images resized bilinearly with half-pixel
// centres (closed form on a ramp), labels wrapped into the model's classes, Gaussian data redrawn at the model's
// size, and the dataset's own batches passed through when they fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitCalibration, fitNote, resizeBilinear } from '../../src/data/fit.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import type { CalibrationBatch } from '../../src/data/batch.js';

test('bilinear resize of a ramp: src = max(0, (j + 0.5) * in / out - 0.5), clamped to the last pixel', () => {
  const h0 = 4, w0 = 4, h1 = 8, w1 = 6;
  const src = new Float32Array(h0 * w0 * 3);
  for (let i = 0; i < h0; i++) for (let j = 0; j < w0; j++) for (let c = 0; c < 3; c++) src[(i * w0 + j) * 3 + c] = 10 * i + j + 100 * c;
  const out = resizeBilinear(src, 1, h0, w0, h1, w1);
  const coord = (k: number, n0: number, n1: number) => Math.min(Math.max(0, ((k + 0.5) * n0) / n1 - 0.5), n0 - 1);
  for (let i = 0; i < h1; i++) for (let j = 0; j < w1; j++) for (let c = 0; c < 3; c++) {
    const want = 10 * coord(i, h0, h1) + coord(j, w0, w1) + 100 * c;
    assert.ok(Math.abs(out[(i * w1 + j) * 3 + c] - want) < 1e-4, `(${i}, ${j}, ${c}): ${out[(i * w1 + j) * 3 + c]} vs ${want}`);
  }
});

test('CIFAR-like batches: resized to the model, labels mod its classes; fitting batches pass through', () => {
  const batch: CalibrationBatch = { images: new Float32Array(2 * 32 * 32 * 3).fill(0.5), labels: Int32Array.from([7, 9]), n: 2, height: 32, width: 32 };
  const data = { kind: 'cifar-bin' as const, path: 'x.bin', batchSize: 2, batches: 1 };
  const [fitted] = fitCalibration([batch], data, 'cifar10', { inputShape: [64, 48, 3], numClasses: 4 });
  assert.equal(fitted.height, 64);
  assert.equal(fitted.width, 48);
  assert.equal(fitted.images.length, 2 * 64 * 48 * 3);
  assert.ok(fitted.images.every((v) => Math.abs(v - 0.5) < 1e-6));
  assert.deepEqual([...fitted.labels], [3, 1]);
  assert.equal(fitCalibration([batch], data, 'cifar10', { inputShape: [32, 32, 3], numClasses: 10 })[0], batch);
  assert.equal(fitNote('m', { inputShape: [64, 48, 3], numClasses: 4 }, data, 'cifar10'),
    'm: cifar10 images resized (bilinear) from 32x32 to its input size 64x48; scored with its own 4-class head (cifar10 has 10 classes; labels taken mod 4)');
  assert.equal(fitNote('m', { inputShape: [32, 32, 3], numClasses: 10 }, data, 'cifar10'), '');
});

test('Gaussian batches are redrawn at the model shape from the same seeds', () => {
  const data = { kind: 'gaussian' as const, seed: 3, batchSize: 2, batches: 2 };
  const base = [gaussianBatch(1, 2, [32, 32, 3], 10), gaussianBatch(2, 2, [32, 32, 3], 10)];
  const fitted = fitCalibration(base, data, 'cifar10', { inputShape: [16, 16, 3], numClasses: 1000 });
  assert.deepEqual(fitted.map((b) => [b.n, b.height, b.width, b.images.length]), [[2, 16, 16, 1536], [2, 16, 16, 1536]]);
  assert.ok(fitted[0].labels.every((l) => l >= 0 && l < 1000));
  assert.notDeepEqual(fitted[0].images, fitted[1].images);
  assert.deepEqual(fitCalibration(base, data, 'cifar10', { inputShape: [16, 16, 3], numClasses: 1000 })[0].images, fitted[0].images);
});
