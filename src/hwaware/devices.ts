// HW-NAS-Bench device columns for the NB201 archs of a run: cost per arch string, keyed through the NB201 index
// (nb201_hw_nas_bench.csv has no arch column, only the official index that nb201_accuracy.csv maps to strings).
import { costByIndex, indexByArch } from '../data/groundtruth.js';
import { datasetInfo } from '../data/datasets.js';
import type { DatasetName } from '../spec/types.js';

/** The latency metrics compared (energy and arithmetic intensity are not latencies). */
export const HW_LATENCY_METRICS = [
  'edgegpu_latency', 'raspi4_latency', 'edgetpu_latency', 'pixel3_latency', 'eyeriss_latency', 'fpga_latency',
] as const;

/** Column names for a dataset, e.g. c10_edgegpu_latency. */
export function deviceColumns(dataset: DatasetName): string[] {
  const prefix = datasetInfo(dataset).csvPrefix;
  return HW_LATENCY_METRICS.map((m) => `${prefix}_${m}`);
}

/**
 * Column name -> (arch -> cost) for the given archs. An arch missing from the accuracy table, or a cost the
 * benchmark did not measure (EdgeTPU -1), is NaN: the statistics drop it.
 */
export function deviceCosts(
  hwPath: string, accuracyPath: string, archs: readonly string[], columns: readonly string[],
): Map<string, Map<string, number>> {
  const index = indexByArch(accuracyPath);
  const out = new Map<string, Map<string, number>>();
  for (const col of columns) {
    const byIndex = costByIndex(hwPath, col);
    out.set(col, new Map(archs.map((a) => {
      const i = index.get(a);
      return [a, i === undefined ? NaN : byIndex[i] ?? NaN];
    })));
  }
  return out;
}
