// CIFAR binary files: each record is the label byte(s) then 3,072 pixel bytes (1,024 R, 1,024 G, 1,024 B, each a
// 32x32 row-major plane). Output is NHWC float32, normalised with the dataset's mean/std (datasets.ts).
//
// ImageNet16-120: there is no ImageNet16 data here, so CIFAR images stand in: each 32x32 image is box-downsampled
// 2x2 to 16x16 and normalised with the ImageNet16 mean/std. This is a stand-in calibration batch of realistic
// natural-image statistics, not ImageNet16 itself; its labels are the CIFAR labels (all < 120).
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { DatasetName } from '../spec/types.js';
import type { CalibrationBatch } from './batch.js';
import { datasetInfo } from './datasets.js';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const PIXEL_BYTES = 3 * PLANE;

export interface CifarReadOptions {
  dataset: DatasetName;
  /** Records to read (default: all from offset). */
  count?: number;
  /** First record (default 0). */
  offset?: number;
  /** 1 (CIFAR-10, default) or 2 (official CIFAR-100: coarse label, fine label; the fine label is used). */
  labelBytes?: 1 | 2;
}

/** Number of complete records in a CIFAR binary file; throws when the size is not a whole number of records. */
export function countCifarRecords(path: string, labelBytes: 1 | 2 = 1): number {
  const recordSize = labelBytes + PIXEL_BYTES;
  const size = statSync(path).size;
  const complete = Math.floor(size / recordSize);
  if (size % recordSize !== 0) {
    throw new Error(
      `${path}: truncated CIFAR binary file: ${size} bytes is not a multiple of the record size ${recordSize} ` +
      `(${labelBytes} label byte${labelBytes > 1 ? 's' : ''} + ${PIXEL_BYTES} pixel bytes); ` +
      `it holds ${complete} complete records and ${size - complete * recordSize} stray bytes`,
    );
  }
  return complete;
}

export function readCifarBin(path: string, opts: CifarReadOptions): CalibrationBatch {
  const labelBytes = opts.labelBytes ?? 1;
  const info = datasetInfo(opts.dataset);
  const recordSize = labelBytes + PIXEL_BYTES;
  const total = countCifarRecords(path, labelBytes);
  const offset = opts.offset ?? 0;
  const n = opts.count ?? total - offset;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(n) || n < 1 || offset + n > total) {
    throw new Error(
      `${path}: asked for ${n} records from record ${offset}, but the file (${total * recordSize} bytes, ` +
      `record size ${recordSize}) holds only ${total} complete records`,
    );
  }
  const raw = Buffer.alloc(n * recordSize);
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < raw.length) {
      const k = readSync(fd, raw, got, raw.length - got, offset * recordSize + got);
      if (k === 0) throw new Error(`${path}: file shrank while reading (got ${got} of ${raw.length} bytes)`);
      got += k;
    }
  } finally {
    closeSync(fd);
  }

  const [height, width] = info.inputShape;
  const factor = SIDE / height; // 1 for CIFAR, 2 for the ImageNet16 stand-in
  const images = new Float32Array(n * height * width * 3);
  const labels = new Int32Array(n);
  const { mean, std } = info;
  const area = factor * factor;
  for (let i = 0; i < n; i++) {
    const rec = i * recordSize;
    const label = raw[rec + labelBytes - 1];
    if (label >= info.numClasses) {
      throw new Error(`${path}: record ${offset + i} has label ${label}, out of range for ${info.name} (${info.numClasses} classes)`);
    }
    labels[i] = label;
    const px = rec + labelBytes;
    let o = i * height * width * 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let dy = 0; dy < factor; dy++) {
            const row = px + c * PLANE + (y * factor + dy) * SIDE + x * factor;
            for (let dx = 0; dx < factor; dx++) sum += raw[row + dx];
          }
          images[o++] = (sum / area / 255 - mean[c]) / std[c]; // exactly the documented formula
        }
      }
    }
  }
  return { images, labels, n, height, width };
}
