// Per-proxy agreement with ground truth for a run: the stats table plus published values, as the report shows it.
import type { ScoreRow } from '../results.js';
import type { DatasetName } from '../spec/types.js';
import { correlationTable } from '../stats/correlation-table.js';
import { PUBLISHED_SPEARMAN } from './published.js';
import type { CorrelationSummary } from './types.js';

export function correlationsFor(
  scores: ScoreRow[],
  accuracy: Map<string, number>,
  dataset: DatasetName,
  direction: (proxy: string) => 1 | -1,
  /** space: the published values are NB201's; other spaces (nats-sss, user models) get none. */
  opts: { bootstrap?: number; seed?: number; space?: string } = {},
): CorrelationSummary[] {
  const byProxy = new Map<string, Map<string, number>>();
  for (const r of scores) {
    if (!accuracy.has(r.arch)) continue;
    let m = byProxy.get(r.proxy);
    if (!m) byProxy.set(r.proxy, (m = new Map()));
    m.set(r.arch, r.status === 'ok' ? r.value : NaN);
  }
  if (!byProxy.size) return [];
  const dir = new Map([...byProxy.keys()].map((p) => [p, direction(p)]));
  const rows = correlationTable(byProxy, accuracy, { bootstrap: opts.bootstrap ?? 1000, seed: opts.seed ?? 0, direction: dir });
  return rows.map((r) => ({
    proxy: r.proxy, n: r.n, spearman: r.spearman, kendall: r.kendall, spearmanCi: r.spearmanCi, kendallCi: r.kendallCi,
    spearmanTop: r.spearmanTop, kendallTop: r.kendallTop, bestPickAccuracy: r.bestPickAccuracy, bestAccuracy: r.bestAccuracy,
    ...(PUBLISHED_SPEARMAN[dataset][r.proxy] !== undefined && publishedApplies(opts.space) ? { published: PUBLISHED_SPEARMAN[dataset][r.proxy] } : {}),
  }));
}

const publishedApplies = (space: string | undefined) => space === undefined || space === 'nb201' || space === 'nb201-samsung';
