// Calibration batches for a spec's `data` section, and a content hash of them (for caching scores).
import { createHash } from 'node:crypto';
import { hashParts } from '../engine/rng.js';
import type { CalibrationData, DatasetName } from '../spec/types.js';
import type { CalibrationBatch } from './batch.js';
import { countCifarRecords, readCifarBin } from './cifar.js';
import { datasetInfo } from './datasets.js';
import { gaussianBatch } from './gaussian.js';

export type { CalibrationBatch } from './batch.js';

/**
 * `data.batches` batches of `data.batchSize`. A CIFAR file supplies consecutive records (batch b = records
 * b*batchSize ..); Gaussian batch b uses its own seeded stream, so batch 0 is the same whatever `batches` is.
 */
export function loadCalibration(data: CalibrationData, dataset: DatasetName): CalibrationBatch[] {
  const info = datasetInfo(dataset);
  const { batchSize, batches } = data;
  if (data.kind === 'gaussian') {
    return Array.from({ length: batches }, (_, b) =>
      gaussianBatch(hashParts(data.seed, 'calibration', b), batchSize, info.inputShape, info.numClasses));
  }
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

/** sha256 (hex) over each batch's shape, image bytes and label bytes, in order. */
export function calibrationHash(batches: readonly CalibrationBatch[]): string {
  const h = createHash('sha256');
  for (const b of batches) {
    h.update(Int32Array.of(b.n, b.height, b.width, 3));
    h.update(new Uint8Array(b.images.buffer, b.images.byteOffset, b.images.byteLength));
    h.update(new Uint8Array(b.labels.buffer, b.labels.byteOffset, b.labels.byteLength));
  }
  return h.digest('hex');
}
