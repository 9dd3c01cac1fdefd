// Calibration batches for a model that brings its own input size or class count (ONNX models): Gaussian data is
// drawn at the model's shape; real images are resized to it (bilinear, half-pixel centres, as PyTorch's
// F.interpolate(mode='bilinear', align_corners=False)); labels beyond the model's classes wrap around (label mod
// classes), so label-based proxies still see every class of the model. The dataset keeps its normalisation.
import type { CalibrationData, DatasetName } from '../spec/types.js';
import type { CalibrationBatch } from './batch.js';
import { datasetInfo } from './datasets.js';
import { gaussianBatches } from './calibration.js';

export interface ModelInput {
  inputShape: readonly [number, number, number];
  numClasses: number;
}

/** True when the model takes the dataset's batches as they are. */
export function fitsDataset(model: ModelInput, dataset: DatasetName): boolean {
  const ds = datasetInfo(dataset);
  return model.inputShape.join('x') === ds.inputShape.join('x') && model.numClasses === ds.numClasses;
}

/** The dataset's batches adapted to the model (the batches themselves when they fit). */
export function fitCalibration(batches: readonly CalibrationBatch[], data: CalibrationData, dataset: DatasetName,
  model: ModelInput): readonly CalibrationBatch[] {
  if (fitsDataset(model, dataset) || batches.length === 0) return batches;
  const [h, w, c] = model.inputShape;
  if (c !== 3) throw new Error(`the model takes ${c}-channel images; calibration data has 3 channels (RGB)`);
  if (data.kind === 'gaussian') return gaussianBatches(data.seed, batches.length, data.batchSize, [h, w, 3], model.numClasses);
  return batches.map((b) => ({
    images: b.height === h && b.width === w ? b.images : resizeBilinear(b.images, b.n, b.height, b.width, h, w),
    labels: b.labels.map((l) => l % model.numClasses),
    n: b.n,
    height: h,
    width: w,
  }));
}

/** NHWC 3-channel bilinear resize with half-pixel centres (no antialiasing, like PyTorch's default). */
export function resizeBilinear(src: Float32Array, n: number, h0: number, w0: number, h1: number, w1: number): Float32Array {
  const out = new Float32Array(n * h1 * w1 * 3);
  const axis = (size0: number, size1: number) => Array.from({ length: size1 }, (_, i) => {
    const x = Math.max(0, ((i + 0.5) * size0) / size1 - 0.5);
    const lo = Math.min(Math.floor(x), size0 - 1);
    const hi = Math.min(lo + 1, size0 - 1);
    return { lo, hi, t: x - lo };
  });
  const ys = axis(h0, h1), xs = axis(w0, w1);
  for (let s = 0; s < n; s++) {
    const base = s * h0 * w0 * 3;
    for (let i = 0; i < h1; i++) {
      const { lo: y0, hi: y1, t: ty } = ys[i];
      for (let j = 0; j < w1; j++) {
        const { lo: x0, hi: x1, t: tx } = xs[j];
        for (let ch = 0; ch < 3; ch++) {
          const at = (y: number, x: number) => src[base + (y * w0 + x) * 3 + ch];
          const top = at(y0, x0) * (1 - tx) + at(y0, x1) * tx;
          const bottom = at(y1, x0) * (1 - tx) + at(y1, x1) * tx;
          out[((s * h1 + i) * w1 + j) * 3 + ch] = top * (1 - ty) + bottom * ty;
        }
      }
    }
  }
  return out;
}

/** What the run did to the data for this model, for run.json and the report ('' when nothing). */
export function fitNote(key: string, model: ModelInput, data: CalibrationData, dataset: DatasetName): string {
  const ds = datasetInfo(dataset);
  const [h, w] = model.inputShape;
  const parts: string[] = [];
  if (h !== ds.inputShape[0] || w !== ds.inputShape[1]) {
    parts.push(data.kind === 'gaussian' ? `Gaussian calibration data drawn at its input size ${h}x${w}`
      : `${dataset} images resized (bilinear) from ${ds.inputShape[0]}x${ds.inputShape[1]} to its input size ${h}x${w}`);
  }
  if (model.numClasses !== ds.numClasses) {
    parts.push(`scored with its own ${model.numClasses}-class head (${dataset} has ${ds.numClasses} classes; labels taken mod ${model.numClasses})`);
  }
  return parts.length ? `${key}: ${parts.join('; ')}` : '';
}
