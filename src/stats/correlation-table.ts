// One row per proxy: rank correlations with ground truth on all scored archs and on the top fraction by accuracy,
// bootstrap intervals, and the best-pick accuracy. Rows are the report's correlation table.
import { bestPick } from './best-pick.js';
import { bootstrapRankIntervals, type Interval } from './bootstrap.js';
import { kendallTauB } from './kendall.js';
import { compareKeys } from './ranks.js';
import { spearmanRho } from './spearman.js';
import { topSubsetCorrelations } from './subsets.js';

export interface CorrelationTableOptions {
  /** Fraction kept for the high-accuracy subset, default 0.05. */
  topFraction?: number;
  /** Bootstrap resamples, default 1000; 0 skips the intervals ([NaN, NaN]). */
  bootstrap?: number;
  /** Bootstrap seed, default 0. Each proxy gets its own stream keyed by its name. */
  seed?: number;
  /** -1 for proxies where lower is better: their scores are negated before anything else. Default 1. */
  direction?: Map<string, 1 | -1>;
}

export interface CorrelationRow {
  proxy: string;
  /** Pairs with a finite score and a finite accuracy. */
  n: number;
  /** Scored archs left out: non-finite score, or accuracy missing or non-finite. */
  dropped: number;
  spearman: number;
  kendall: number;
  spearmanCi: Interval;
  kendallCi: Interval;
  spearmanTop: number;
  kendallTop: number;
  /** Pairs used on the top subset (subset size minus its non-finite scores). */
  nTop: number;
  bestPickArch: string | null;
  /** Mean accuracy of the tied top-scoring group (usually one arch). */
  bestPickAccuracy: number;
  bestPickTies: number;
  bestAccuracy: number;
  /** Why spearman/kendall are NaN (constant scores, fewer than 2 pairs), when they are. */
  reason?: string;
}

/**
 * Archs are those in each proxy's score map (the archs it was run on), in key order so results never depend on
 * map insertion order. Never throws on NaN or constant scores; those give NaN entries with a reason.
 */
export function correlationTable(
  scores: Map<string, Map<string, number>>, accuracy: Map<string, number>, opts: CorrelationTableOptions = {},
): CorrelationRow[] {
  const rows: CorrelationRow[] = [];
  for (const [proxy, byArch] of scores) {
    const sign = opts.direction?.get(proxy) ?? 1;
    const keys = [...byArch.keys()].sort(compareKeys);
    const s = keys.map((k) => sign * byArch.get(k)!);
    const a = keys.map((k) => accuracy.get(k) ?? NaN);
    const rho = spearmanRho(s, a), tau = kendallTauB(s, a);
    const ci = bootstrapRankIntervals(s, a, { resamples: opts.bootstrap ?? 1000, seed: opts.seed ?? 0, stream: proxy });
    const top = topSubsetCorrelations(s, a, opts.topFraction ?? 0.05, keys);
    const pick = bestPick(s, a, keys);
    rows.push({
      proxy, n: rho.n, dropped: rho.dropped,
      spearman: rho.value, kendall: tau.value,
      spearmanCi: ci.spearman, kendallCi: ci.kendall,
      spearmanTop: top.spearman.value, kendallTop: top.kendall.value, nTop: top.spearman.n,
      bestPickArch: pick.arch, bestPickAccuracy: pick.accuracy, bestPickTies: pick.ties, bestAccuracy: pick.bestAccuracy,
      ...(rho.reason ? { reason: rho.reason } : {}),
    });
  }
  return rows;
}
