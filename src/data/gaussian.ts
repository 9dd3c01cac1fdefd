// Data-free calibration: N(0,1) images (already "normalised") and uniform labels, from the seeded RNG so a
// (seed, shape) pair always gives the same bytes on every platform.
import { Rng } from '../engine/rng.js';
import type { CalibrationBatch } from './batch.js';

export function gaussianBatch(seed: number, n: number, shape: [number, number, number], numClasses: number): CalibrationBatch {
  const [height, width, channels] = shape;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussianBatch: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(numClasses) || numClasses < 1) throw new RangeError(`gaussianBatch: numClasses must be >= 1, got ${numClasses}`);
  // Separate streams, so the labels do not depend on the image size.
  const images = Rng.keyed(seed, 'gaussian', 'images').fillNormal(new Float32Array(n * height * width * channels));
  const rl = Rng.keyed(seed, 'gaussian', 'labels');
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = rl.int(numClasses);
  return { images, labels, n, height, width };
}
