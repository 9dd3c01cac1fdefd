// Sensitivity of proxies to a setting (batch size, init): per setting, the rank correlation with accuracy and its
// bootstrap interval; between settings, the Kendall tau of the proxy's OWN rankings (does the proxy still order
// the archs the same way?). Pure: score maps in, numbers out.
import type { Interval } from './bootstrap.js';
import { correlationTable } from './correlation-table.js';
import { kendallTauB } from './kendall.js';
import { compareKeys } from './ranks.js';

/** One factor of a sweep: its values in display order, each the id of the run that used it. */
export interface SweepFactor {
  /** e.g. 'batch_size' or 'init'. */
  name: string;
  values: Array<{ label: string; run: string }>;
  /** Label of the value the others are compared with (the spec's own setting). */
  reference: string;
}

export interface SettingCorrelation {
  factor: string;
  value: string;
  proxy: string;
  n: number;
  spearman: number;
  spearmanCi: Interval;
  kendall: number;
  kendallCi: Interval;
}

/** Kendall tau-b between a proxy's scores under two values of a factor, on the archs finite under both. */
export interface RankStability {
  factor: string;
  proxy: string;
  a: string;
  b: string;
  n: number;
  kendall: number;
}

export interface StabilitySummary {
  factor: string;
  proxy: string;
  /** Spearman with accuracy: lowest and highest over the factor's values. */
  spearmanMin: number;
  spearmanMax: number;
  /** Lowest tau of a value's ranking with the reference value's ranking. */
  minTauVsReference: number;
  /** Mean tau over all pairs of values. */
  meanPairwiseTau: number;
}

export interface Sensitivity {
  factors: SweepFactor[];
  correlations: SettingCorrelation[];
  stability: RankStability[];
  summary: StabilitySummary[];
}

export interface SensitivityOptions {
  bootstrap?: number;
  seed?: number;
  direction?: Map<string, 1 | -1>;
}

/** Scores of one run: proxy -> arch -> value (NaN for a row that was not ok). */
export type RunScores = Map<string, Map<string, number>>;

export function sensitivity(
  factors: SweepFactor[], runs: Map<string, RunScores>, accuracy: Map<string, number>, opts: SensitivityOptions = {},
): Sensitivity {
  const correlations: SettingCorrelation[] = [];
  const stability: RankStability[] = [];
  const summary: StabilitySummary[] = [];
  const tableOf = new Map<string, ReturnType<typeof correlationTable>>();
  const table = (run: string) => {
    let t = tableOf.get(run);
    if (!t) {
      const scores = runs.get(run);
      if (!scores) throw new Error(`sensitivity: no scores for run "${run}"`);
      t = correlationTable(scores, accuracy, { bootstrap: opts.bootstrap ?? 1000, seed: opts.seed ?? 0, direction: opts.direction });
      tableOf.set(run, t);
    }
    return t;
  };
  for (const f of factors) {
    const proxies = [...new Set(f.values.flatMap((v) => [...(runs.get(v.run)?.keys() ?? [])]))];
    for (const v of f.values) {
      for (const row of table(v.run)) {
        correlations.push({
          factor: f.name, value: v.label, proxy: row.proxy, n: row.n,
          spearman: row.spearman, spearmanCi: row.spearmanCi, kendall: row.kendall, kendallCi: row.kendallCi,
        });
      }
    }
    for (const proxy of proxies) {
      const pairs: RankStability[] = [];
      for (let i = 0; i < f.values.length; i++) {
        for (let j = i + 1; j < f.values.length; j++) {
          const a = f.values[i], b = f.values[j];
          pairs.push({ factor: f.name, proxy, a: a.label, b: b.label, ...ownRankTau(runs.get(a.run)?.get(proxy), runs.get(b.run)?.get(proxy)) });
        }
      }
      stability.push(...pairs);
      const rhos = correlations.filter((c) => c.factor === f.name && c.proxy === proxy).map((c) => c.spearman).filter(Number.isFinite);
      const vsRef = pairs.filter((p) => (p.a === f.reference || p.b === f.reference)).map((p) => p.kendall);
      const finite = pairs.map((p) => p.kendall).filter(Number.isFinite);
      summary.push({
        factor: f.name, proxy,
        spearmanMin: rhos.length ? Math.min(...rhos) : NaN,
        spearmanMax: rhos.length ? Math.max(...rhos) : NaN,
        // A NaN tau (constant or failed scores under some value) makes the minimum NaN: unstable, not "fine".
        minTauVsReference: vsRef.length ? vsRef.reduce((m, t) => (Number.isNaN(m) || Number.isNaN(t) ? NaN : Math.min(m, t)), Infinity) : NaN,
        meanPairwiseTau: finite.length ? finite.reduce((s, t) => s + t, 0) / finite.length : NaN,
      });
    }
  }
  return { factors, correlations, stability, summary };
}

/** tau-b of two score maps on their shared archs (key order, so map order never matters). */
export function ownRankTau(a: Map<string, number> | undefined, b: Map<string, number> | undefined): { n: number; kendall: number } {
  if (!a || !b) return { n: 0, kendall: NaN };
  const keys = [...a.keys()].filter((k) => b.has(k)).sort(compareKeys);
  const r = kendallTauB(keys.map((k) => a.get(k)!), keys.map((k) => b.get(k)!));
  return { n: r.n, kendall: r.value };
}
