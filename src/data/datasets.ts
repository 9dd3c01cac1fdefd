// Per-dataset facts: input shape, number of classes, and the normalisation used by the NB201 survey code
// (PROXIES.md 4.6: per-channel mean/std on the 0..255 scale, divided by 255).
import type { DatasetName } from '../spec/types.js';

export interface DatasetInfo {
  name: DatasetName;
  /** [height, width, channels] (NHWC). */
  inputShape: [number, number, number];
  numClasses: number;
  /** Per channel (R, G, B), on the 0..1 scale. */
  mean: [number, number, number];
  std: [number, number, number];
  /** Column prefix in the NB201 ground-truth tables (c10_test_200e, in16_edgegpu_latency, ...). */
  csvPrefix: 'c10' | 'c100' | 'in16';
}

const rgb = (r: number, g: number, b: number): [number, number, number] => [r / 255, g / 255, b / 255];

/** The one table of dataset constants. */
export const DATASETS: Readonly<Record<DatasetName, Readonly<DatasetInfo>>> = {
  cifar10: {
    name: 'cifar10', inputShape: [32, 32, 3], numClasses: 10,
    mean: rgb(125.3, 123.0, 113.9), std: rgb(63.0, 62.1, 66.7), csvPrefix: 'c10',
  },
  cifar100: {
    name: 'cifar100', inputShape: [32, 32, 3], numClasses: 100,
    mean: rgb(129.3, 124.1, 112.4), std: rgb(68.2, 65.4, 70.4), csvPrefix: 'c100',
  },
  'ImageNet16-120': {
    name: 'ImageNet16-120', inputShape: [16, 16, 3], numClasses: 120,
    mean: rgb(122.68, 116.66, 104.01), std: rgb(63.22, 61.26, 65.09), csvPrefix: 'in16',
  },
};

export function datasetInfo(name: DatasetName): Readonly<DatasetInfo> {
  const info = DATASETS[name];
  if (!info) throw new Error(`unknown dataset "${name}", expected one of ${Object.keys(DATASETS).join(', ')}`);
  return info;
}
