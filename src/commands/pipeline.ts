// The pipeline behind the Action and the CLI's compare/baseline commands: run -> results dir -> compare with
// the committed baseline -> ReportInput for the report. With a base ref (pull requests), pipeline-ab.ts runs and
// judges both sides instead.
import { resolve } from 'node:path';
import type { Pipeline, PipelineResult } from '../pipeline-types.js';
import type { ExperimentSpec } from '../spec/types.js';
import { buildBaseline, loadBaseline, serializeBaseline } from '../compare/baseline.js';
import { compareRun, noBaseline } from '../compare/compare.js';
import { correlationsFor } from '../compare/correlations.js';
import { readSpec } from './spec-io.js';
import { directionOf, groundTruth, reportInput } from './report-input.js';
import { compareWithBase, runWithBase } from './pipeline-ab.js';
import { applyOverrides } from './overrides.js';
import { runExperiment } from './run.js';
import { latencyWithSamples, readResults, referenceMedian, type RunResults } from '../rundir/read.js';
import { writeAtomic } from '../io/atomic.js';

function specFor(specPath: string, opts: { backend?: string; out?: string } = {}): ExperimentSpec {
  return applyOverrides(readSpec(specPath), { backend: opts.backend, out: opts.out });
}

export const pipeline: Pipeline = {
  async run(specPath, opts): Promise<PipelineResult> {
    const spec = specFor(specPath, opts);
    if (opts.baseRef) return runWithBase(spec, opts.baseRef);
    const result = await runExperiment(spec);
    return { outDir: result.outDir, input: await reportInput(spec, readResults(result.outDir)) };
  },

  async compare(specPath, { resultsDir }): Promise<PipelineResult> {
    const spec = specFor(specPath);
    const res = readResults(resolve(resultsDir));
    if (res.manifest.ab) return compareWithBase(spec, res, res.manifest.ab);
    const input = await reportInput(spec, res);
    const loaded = loadBaseline(spec.baseline);
    if (!loaded.ok) {
      input.comparison = noBaseline(spec.name, loaded.message, !loaded.missing);
      return { outDir: res.dir, input };
    }
    const base = loaded.baseline;
    input.comparison = compareRun({
      experiment: spec.name, backend: res.manifest.backend, scores: res.scores, correlations: input.correlations ?? [],
      fingerprint: res.latency?.fingerprint ?? null, latency: latencyWithSamples(res.latency), direction: directionOf(res.manifest),
      referenceMedianMs: referenceMedian(res.latency),
    }, base, spec.thresholds);
    if (loaded.migratedFrom !== undefined) input.comparison.message = `baseline migrated from format ${loaded.migratedFrom}; run \`zsnas baseline update\` to rewrite it`;
    for (const c of input.correlations ?? []) {
      const b = base.correlations.find((x) => x.proxy === c.proxy);
      if (b) c.baselineSpearman = b.spearman;
    }
    input.latencySamples = [
      ...base.latency.rows.map((r) => ({ arch: r.arch, batch: r.batch, side: 'base' as const, ms: r.samples_ms })),
      ...(input.latencySamples ?? []),
    ];
    return { outDir: res.dir, input };
  },

  async updateBaseline(specPath, { resultsDir }) {
    const spec = specFor(specPath);
    if (!spec.baseline) throw new Error(`${spec.file}: no \`baseline:\` path in the spec; add e.g. baseline: reports/baselines/${spec.name}.json`);
    const res = readResults(resolve(resultsDir));
    const accuracy = await groundTruth(spec);
    const baseline = buildBaseline({
      experiment: spec.name, backend: res.manifest.backend, seed: res.manifest.seed, versions: res.manifest.versions,
      scores: res.scores, correlations: accuracy ? correlationsFor(res.scores, accuracy, spec.dataset, directionOf(res.manifest), { space: spec.space }) : [],
      fingerprint: res.latency?.fingerprint ?? null, latency: latencyWithSamples(res.latency),
      referenceMedianMs: referenceMedian(res.latency),
    });
    writeAtomic(spec.baseline, serializeBaseline(baseline));
    return { baselinePath: spec.baseline };
  },
};
