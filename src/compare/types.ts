// The outcome of comparing a run with the committed baseline of the PR's base. The report renders only this.

export type Verdict = 'regression' | 'improvement' | 'unchanged' | 'added' | 'removed' | 'incomparable';

export interface ComparisonItem {
  /** What was compared: a per-arch proxy score, a per-proxy rank correlation, a per-arch latency, an arch's presence. */
  kind: 'score' | 'correlation' | 'latency' | 'arch';
  /** Proxy name (score/correlation), arch (latency/arch). */
  key: string;
  /** Second key where needed: the arch of a score item, 'batch=1' of a latency item, 'spearman' of a correlation. */
  metric: string;
  baseline?: number;
  current?: number;
  /** current - baseline, or a ratio for latency (documented in detail). */
  delta?: number;
  verdict: Verdict;
  /** One sentence a reviewer can read: why this verdict (e.g. "p=0.001, ratio 1.12 [1.08, 1.15] > 1.05"). */
  detail: string;
}

export interface Comparison {
  experiment: string;
  /** False when no usable baseline: then items is empty and message says why (missing, corrupt, older format). */
  baselineFound: boolean;
  /** True when a baseline file exists but cannot be used (damaged, a folder, unknown format): the gate fails. */
  baselineBroken?: boolean;
  message?: string;
  items: ComparisonItem[];
  counts: Record<Verdict, number>;
}

/** Per-proxy agreement with ground truth, as the report shows it (ours vs baseline vs published). */
export interface CorrelationSummary {
  proxy: string;
  n: number;
  spearman: number;
  kendall: number;
  spearmanCi: [number, number];
  kendallCi: [number, number];
  spearmanTop: number;
  kendallTop: number;
  bestPickAccuracy: number;
  bestAccuracy: number;
  published?: number;
  baselineSpearman?: number;
}
