// The scoring/comparison pipeline as the action sees it. The real one lives in src/commands/pipeline.ts; tests inject fakes.
import type { ReportInput } from '../report/types.js';

export interface PipelineResult {
  /** Results directory the run wrote (manifest, scores, latency); the report goes to <outDir>/report/. */
  outDir: string;
  input: ReportInput;
}

export interface Pipeline {
  /** Scores and measures the spec's archs; writes the results under opts.out (default: the spec's output). No comparison. */
  run(specPath: string, opts: { backend?: string; out?: string }): Promise<PipelineResult>;
  /**
   * Reads a results directory and the spec's committed baseline; returns the ReportInput WITH `comparison`
   * (baselineFound: false and a message when the baseline is missing, corrupt or of another format).
   */
  compare(specPath: string, opts: { resultsDir: string }): Promise<PipelineResult>;
  /** Writes the results directory as the spec's baseline file (to be committed); returns its path. */
  updateBaseline(specPath: string, opts: { resultsDir: string }): Promise<{ baselinePath: string }>;
}

/** Loads the real pipeline on first use, so the action's own tests never pull in TensorFlow.js. */
export async function loadPipeline(): Promise<Pipeline> {
  try {
    return (await import('../commands/pipeline.js')).pipeline;
  } catch (err) {
    throw new Error(`The zsnas pipeline (src/commands/pipeline.ts) could not be loaded: ${(err as Error).message}`);
  }
}
