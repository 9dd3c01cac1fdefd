// The scoring/comparison pipeline as its callers (the Action, tests with fakes) see it. The real one is
// src/commands/pipeline.ts; this interface sits below both so that neither imports the other's types.
import type { ReportInput } from './report/types.js';

export interface PipelineResult {
  /** Results directory the run wrote (manifest, scores, latency); the report goes to <outDir>/report/. */
  outDir: string;
  input: ReportInput;
}

export interface PipelineRunOptions {
  backend?: string;
  out?: string;
  /**
   * Git ref or SHA of the base side (a pull request's base): the spec is also run as it is at that commit, in
   * this process, into <out>/base/, latency side by side (<out>/latency-ab.csv); judged by the base's thresholds
   * and baseline. The commit is fetched (depth 1) when a shallow clone lacks it.
   */
  baseRef?: string;
}

export interface Pipeline {
  /** Scores and measures the spec's archs; writes the results under opts.out (default: the spec's output). No comparison. */
  run(specPath: string, opts: PipelineRunOptions): Promise<PipelineResult>;
  /**
   * Reads a results directory and the spec's committed baseline; returns the ReportInput WITH `comparison`
   * (baselineFound: false and a message when the baseline is missing, corrupt or of another format). A directory
   * written with a base ref is judged by the base side (its thresholds, its committed baseline or its scores).
   */
  compare(specPath: string, opts: { resultsDir: string }): Promise<PipelineResult>;
  /** Writes the results directory as the spec's baseline file (to be committed); returns its path. */
  updateBaseline(specPath: string, opts: { resultsDir: string }): Promise<{ baselinePath: string }>;
}
