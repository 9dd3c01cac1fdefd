// The scoring/comparison pipeline as the action sees it. The real one lives in src/commands/pipeline.ts; tests inject fakes.
import type { Pipeline } from '../pipeline-types.js';

export type { Pipeline, PipelineResult, PipelineRunOptions } from '../pipeline-types.js';

/** Loads the real pipeline on first use, so the action's own tests never pull in TensorFlow.js. */
export async function loadPipeline(): Promise<Pipeline> {
  try {
    return (await import('../commands/pipeline.js')).pipeline;
  } catch (err) {
    throw new Error(`The zsnas pipeline (src/commands/pipeline.ts) could not be loaded: ${(err as Error).message}`);
  }
}
