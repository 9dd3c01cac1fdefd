// Does the latency we measured on this machine rank archs the way HW-NAS-Bench's devices do? One rank
// correlation per (our measure, device column); FLOPs rides along as the hardware-free point of comparison.
import { kendallTauB } from '../stats/kendall.js';
import { compareKeys } from '../stats/ranks.js';
import { spearmanRho } from '../stats/spearman.js';

export interface AgreementRow {
  /** Our side: e.g. measured latency, normalised latency, FLOPs. */
  measure: string;
  /** The device column, e.g. c10_edgegpu_latency. */
  device: string;
  /** Archs with a finite value on both sides. */
  n: number;
  /** Archs of the measure left out (a non-finite value on either side, e.g. EdgeTPU not measured). */
  dropped: number;
  spearman: number;
  kendall: number;
  /** Why the correlations are NaN, when they are. */
  reason?: string;
}

/**
 * Every measure against every device column, over the archs in the measure's map (in key order, so the result
 * never depends on map insertion order). Rows: measures in the given order, devices in the given order within each.
 */
export function agreementTable(
  measures: Map<string, Map<string, number>>, devices: Map<string, Map<string, number>>,
): AgreementRow[] {
  const rows: AgreementRow[] = [];
  for (const [measure, ours] of measures) {
    const archs = [...ours.keys()].sort(compareKeys);
    const x = archs.map((a) => ours.get(a)!);
    for (const [device, theirs] of devices) {
      const y = archs.map((a) => theirs.get(a) ?? NaN);
      const rho = spearmanRho(x, y), tau = kendallTauB(x, y);
      rows.push({
        measure, device, n: rho.n, dropped: rho.dropped, spearman: rho.value, kendall: tau.value,
        ...(rho.reason ? { reason: rho.reason } : {}),
      });
    }
  }
  return rows;
}
