// Calibration batches for a spec's `data` section, and a content hash of them (for caching scores).
import { createHash } from 'node:crypto';
import { hashParts } from '../engine/rng.js';
import type { CalibrationData, DatasetName } from '../spec/types.js';
import type { CalibrationBatch } from './batch.js';
import { countCifarRecords, readCifarBin } from './cifar.js';
import { datasetInfo } from './datasets.js';
import { gaussianBatch } from './gaussian.js';
import { lazyBatches, lazySource } from './lazy-batches.js';

export type { CalibrationBatch } from './batch.js';

/**
 * `data.batches` batches of `data.batchSize`. A CIFAR file supplies consecutive records (batch b = records
 * b*batchSize ..); Gaussian batch b uses its own seeded stream, so batch 0 is the same whatever `batches` is, and
 * the batches are made when read (lazy-batches.ts).
 */
export function loadCalibration(data: CalibrationData, dataset: DatasetName): readonly CalibrationBatch[] {
  const info = datasetInfo(dataset);
  const { batchSize, batches } = data;
  if (data.kind === 'gaussian') return gaussianBatches(data.seed, batches, batchSize, info.inputShape, info.numClasses);
  const labelBytes = data.labelBytes ?? 1;
  const have = countCifarRecords(data.path, labelBytes);
  const need = batches * batchSize;
  if (have < need) {
    throw new Error(
      `calibration data ${data.path} holds ${have} complete records, but data.batches x data.batch_size = ` +
      `${batches} x ${batchSize} = ${need} are needed`,
    );
  }
  const all = readCifarBin(data.path, { dataset, count: need, labelBytes });
  const per = all.height * all.width * 3;
  return Array.from({ length: batches }, (_, b) => ({
    images: all.images.slice(b * batchSize * per, (b + 1) * batchSize * per),
    labels: all.labels.slice(b * batchSize, (b + 1) * batchSize),
    n: batchSize,
    height: all.height,
    width: all.width,
  }));
}

/** `count` Gaussian batches of `n` images of `shape`, made when read: batch b from its own seeded stream. */
export function gaussianBatches(seed: number, count: number, n: number, shape: [number, number, number], numClasses: number): readonly CalibrationBatch[] {
  const bytes = n * shape[0] * shape[1] * shape[2] * 4;
  const describe = `gaussian-v1 seed=${seed} batches=${count} n=${n} shape=${shape.join('x')} classes=${numClasses}`;
  return lazyBatches(count, bytes, describe, (b) => gaussianBatch(hashParts(seed, 'calibration', b), n, shape, numClasses));
}

/**
 * sha256 (hex) over each batch's shape, image bytes and label bytes, in order. A lazily made set is hashed by what
 * makes it (its bytes are a function of that), so a million Gaussian batches are not made just to be hashed.
 */
export function calibrationHash(batches: readonly CalibrationBatch[]): string {
  const h = createHash('sha256');
  const lazy = lazySource(batches);
  if (lazy) return h.update(lazy.describe).digest('hex');
  for (const b of batches) {
    h.update(Int32Array.of(b.n, b.height, b.width, 3));
    h.update(new Uint8Array(b.images.buffer, b.images.byteOffset, b.images.byteLength));
    h.update(new Uint8Array(b.labels.buffer, b.labels.byteOffset, b.labels.byteLength));
  }
  return h.digest('hex');
}
