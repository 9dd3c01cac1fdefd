// The hardware-aware comparison of one run: our measured latency against HW-NAS-Bench's devices, and each proxy's
// budgeted picks against the best arch within budget, for every cost. Plain data in, plain data out.
import type { LatencyRow, ScoreRow } from '../results.js';
import { agreementTable, type AgreementRow } from './agreement.js';
import { paretoGapReport, type CostSweep } from './pareto-report.js';

/** Names of our measures (agreement rows) and of our costs (Pareto-gap sweeps). */
export const MEASURED_LATENCY = 'latency_ms';
export const NORMALISED_LATENCY = 'latency_norm';
export const FLOPS = 'flops';

export interface HwAwareInput {
  archs: readonly string[];
  scores: readonly ScoreRow[];
  /** Latency rows; the smallest batch size present is used. Empty when latency was not measured. */
  latency: readonly LatencyRow[];
  /** FLOPs per arch (counted on the IR, the same numbers as the flops proxy). */
  flops: Map<string, number>;
  /** Ground-truth accuracy (%) per arch. */
  accuracy: Map<string, number>;
  /** Device column -> (arch -> cost), e.g. from deviceCosts(). */
  devices: Map<string, Map<string, number>>;
  /** -1 for proxies where lower is better. */
  direction?: Map<string, 1 | -1>;
  /** Number of budgets per cost, default 10. */
  budgets?: number;
}

export interface HwAwareResult {
  /** Batch size of the latency used, null when there was none. */
  latencyBatch: number | null;
  agreement: AgreementRow[];
  paretoGap: CostSweep[];
}

export function analyzeHwAware(input: HwAwareInput): HwAwareResult {
  const archs = new Set(input.archs);
  const batch = input.latency.length ? Math.min(...input.latency.map((r) => r.batch)) : null;
  const lat = input.latency.filter((r) => r.batch === batch && archs.has(r.arch));
  const latency = new Map(lat.map((r) => [r.arch, r.median_ms]));
  const normalised = new Map(lat.map((r) => [r.arch, r.normalized]));
  const flops = new Map(input.archs.map((a) => [a, input.flops.get(a) ?? NaN]));

  const measures = new Map<string, Map<string, number>>();
  if (latency.size) measures.set(MEASURED_LATENCY, latency).set(NORMALISED_LATENCY, normalised);
  measures.set(FLOPS, flops);

  const costs = new Map<string, Map<string, number>>();
  if (latency.size) costs.set(MEASURED_LATENCY, latency);
  costs.set(FLOPS, flops);
  for (const [col, byArch] of input.devices) costs.set(col, byArch);

  return {
    latencyBatch: batch,
    agreement: agreementTable(measures, input.devices),
    paretoGap: paretoGapReport(scoreMaps(input.scores, archs), costs, input.accuracy, {
      budgets: input.budgets, direction: input.direction,
    }),
  };
}

/** proxy -> (arch -> value), proxies in first-seen order; rows not 'ok' become NaN (never picked). */
export function scoreMaps(rows: readonly ScoreRow[], archs?: ReadonlySet<string>): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (archs && !archs.has(r.arch)) continue;
    if (!out.has(r.proxy)) out.set(r.proxy, new Map());
    out.get(r.proxy)!.set(r.arch, r.status === 'ok' ? r.value : NaN);
  }
  return out;
}
