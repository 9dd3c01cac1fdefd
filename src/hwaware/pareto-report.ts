// The Pareto-gap table (survey Figs. 18-19): for each cost, a sweep of budgets at the cost's quantiles; under each
// budget every proxy picks its best-scoring arch and we compare it with the most accurate arch that fits.
// The ground-truth front of the same archs comes along for a chart.
import { budgetsFromQuantiles, paretoFront, paretoSweep, type FrontPoint, type ProxySweep } from '../stats/pareto.js';

export interface CostSweep {
  /** e.g. measured_latency_ms, flops, c10_edgegpu_latency. */
  cost: string;
  /** Archs with a finite cost and a finite accuracy: the ones a budget can admit. */
  nArchs: number;
  budgets: number[];
  sweeps: ProxySweep[];
  front: FrontPoint[];
}

export interface ParetoGapOptions {
  /** Number of budgets (cost quantiles j/k, j = 1..k), default 10. */
  budgets?: number;
  /** -1 for proxies where lower is better. */
  direction?: Map<string, 1 | -1>;
}

/** One sweep per cost, costs in the given order; proxies in the order of `scores`. */
export function paretoGapReport(
  scores: Map<string, Map<string, number>>, costs: Map<string, Map<string, number>>, accuracy: Map<string, number>,
  opts: ParetoGapOptions = {},
): CostSweep[] {
  return [...costs].map(([name, cost]) => {
    const admissible = [...cost].filter(([a, c]) => Number.isFinite(c) && Number.isFinite(accuracy.get(a) ?? NaN));
    const budgets = budgetsFromQuantiles(admissible.map(([, c]) => c), opts.budgets ?? 10);
    return {
      cost: name,
      nArchs: admissible.length,
      budgets,
      sweeps: paretoSweep(scores, cost, accuracy, budgets, opts.direction),
      front: paretoFront(cost, accuracy),
    };
  });
}

/** proxy -> cost -> mean gap (accuracy points), the summary table's cells. */
export function meanGaps(report: readonly CostSweep[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const c of report) {
    for (const s of c.sweeps) {
      if (!out.has(s.proxy)) out.set(s.proxy, new Map());
      out.get(s.proxy)!.set(c.cost, s.meanGap);
    }
  }
  return out;
}
