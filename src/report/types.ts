// What the report renders. Built by the pipeline (src/commands) from a results directory; read-only here.
import type { Sensitivity } from '../stats/sensitivity.js';
import type { LatencyRow, RunManifest, ScoreRow } from '../results.js';
import type { Comparison, CorrelationSummary } from '../compare/types.js';
import type { AbSides, LatencyAbRow } from '../compare/ab-types.js';

/** The charts the report can carry; each becomes <name>.vl.json, .svg and .png under DIR/report/. */
export const CHART_NAMES = ['change', 'latency-ab', 'latency-pareto', 'correlation', 'proxy-vs-accuracy', 'latency-distribution'] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Raw latency samples of one arch and batch size, from the baseline run ('base') or this run ('head'). */
export interface LatencySamples {
  arch: string;
  batch: number;
  side: 'base' | 'head';
  ms: number[];
}

/** Latency vs score trade-off for one proxy: the non-dominated archs (lower latency, higher score). */
export interface ParetoInput {
  proxy: string;
  /** Arch names on the front, any order (the chart sorts them by latency). */
  front: string[];
}

export interface ReportInput {
  experiment: string;
  manifest: RunManifest;
  scores: ScoreRow[];
  latency: LatencyRow[];
  correlations?: CorrelationSummary[];
  comparison?: Comparison;
  /** Ground-truth accuracy per arch (percent), when the spec names one. */
  accuracy?: Map<string, number>;
  pareto?: ParetoInput;
  latencySamples?: LatencySamples[];
  /** The sweep this run belongs to (zsnas sweep): sensitivity to batch size / init, shown collapsed. */
  sensitivity?: Sensitivity;
  /** Base and head measured side by side in this job (zsnas run --base-ref): latency verdicts come from here. */
  latencyAb?: LatencyAbRow[];
  abSides?: AbSides;
  /** Public image URL per chart (pushed to the assets branch); absent charts are only in the artifact. */
  chartLinks?: Partial<Record<ChartName, string>>;
  /** Where the full report lives when the comment had to be cut (artifact or run URL). */
  fullReportUrl?: string;
  /** Filled by the action: the workflow run and the uploaded results artifact, linked from the headline. */
  runUrl?: string;
  artifactUrl?: string;
  /** Filled by the action: whether a regression fails the job (fail-on-regression); the headline says so. */
  failOnRegression?: boolean;
}

/** ReportInput as JSON (the Map becomes an object) so the workflow_run commenter can re-render it. */
export type SerializedReportInput = Omit<ReportInput, 'accuracy'> & { accuracy?: Record<string, number> };

export function serializeInput(input: ReportInput): SerializedReportInput {
  const { accuracy, ...rest } = input;
  return accuracy ? { ...rest, accuracy: Object.fromEntries(accuracy) } : rest;
}

export function deserializeInput(json: SerializedReportInput): ReportInput {
  const { accuracy, ...rest } = json;
  return accuracy ? { ...rest, accuracy: new Map(Object.entries(accuracy)) } : rest;
}

export const CHART_TITLES: Record<ChartName, string> = {
  change: 'Change per arch and metric (Δ%), coloured by verdict',
  'latency-ab': 'Latency per arch: base vs head',
  'latency-pareto': 'Latency vs proxy score, with the Pareto front',
  correlation: 'Rank correlation with accuracy per proxy',
  'proxy-vs-accuracy': 'Proxy score vs ground-truth accuracy',
  'latency-distribution': 'Latency samples per arch',
};
