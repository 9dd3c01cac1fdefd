// The side-by-side (A/B) comparison of a PR's base and head, measured in one job. Produced by compare/,
// rendered by report/. One row per arch and batch present on both sides: DIR/latency-ab.csv has these columns
// (the eight, then `clock`, appended so that readers by position keep working).

/** Latency verdict of head against base: `unsure` when the time budget ended before the interval was decisive. */
export type AbVerdict = 'faster' | 'slower' | 'same' | 'unsure';

export const LATENCY_AB_HEADER = [
  'arch',
  'batch',
  'base_median_ms',
  'head_median_ms',
  'ratio',
  'ci_low',
  'ci_high',
  'verdict',
  'clock',
] as const;

/**
 * What the A/B samples measured (docs/ab-latency.md): 'cpu' = the process's CPU time per run (single-threaded
 * engines: a neighbour's preemption is not in it), 'wall' = elapsed time (engines that run on several threads).
 */
export type AbClock = 'cpu' | 'wall';

/** The clock in words for reports: "process CPU time" / "wall-clock time" (unknown: "the verdict's clock"). */
export function abClockWords(clock: AbClock | undefined): string {
  return clock === 'cpu' ? 'process CPU time' : clock === 'wall' ? 'wall-clock time' : 'the verdict\'s clock';
}

export interface LatencyAbRow {
  /** The arch key shared by both sides: a model's name or file, an NB201 arch string, or the spec's name for it. */
  arch: string;
  batch: number;
  baseMedianMs: number;
  headMedianMs: number;
  /** head / base. */
  ratio: number;
  /** Confidence interval of the ratio (95% unless the run says otherwise). */
  ciLow: number;
  ciHigh: number;
  verdict: AbVerdict;
  /** The clock of the medians, ratio and interval; absent in files written before the column existed. */
  clock?: AbClock;
}

/** Which commits the two sides came from, and what the PR changed in how it is judged (defined with the run's record). */
export type { AbSides } from '../results.js';
