// The pipeline behind the Action and the CLI's compare/baseline commands: run -> results dir -> compare with
// the committed baseline -> ReportInput for the report.
import { resolve } from 'node:path';
import type { Pipeline, PipelineResult } from '../action/pipeline.js';
import type { ReportInput } from '../report/types.js';
import type { ExperimentSpec } from '../spec/types.js';
import { accuracyByArch } from '../data/groundtruth.js';
import { fetchPinned, defaultCacheDir } from '../data/download.js';
import { buildBaseline, loadBaseline, serializeBaseline } from '../compare/baseline.js';
import { compareRun, noBaseline } from '../compare/compare.js';
import { correlationsFor } from '../compare/correlations.js';
import { getProxy, hasProxy } from '../proxies/index.js';
import { loadedCustomProxy } from '../proxies/custom.js';
import { paretoFront } from '../stats/pareto.js';
import { readSpec } from './spec-io.js';
import { applyOverrides } from './overrides.js';
import { runExperiment } from './run.js';
import { latencyWithSamples, readResults, referenceMedian, type RunResults } from './results-dir.js';
import { writeAtomic } from '../io/atomic.js';

const direction = (proxy: string): 1 | -1 => (hasProxy(proxy) ? getProxy(proxy).direction : loadedCustomProxy(proxy)?.direction ?? 1);

async function groundTruth(spec: ExperimentSpec): Promise<Map<string, number> | undefined> {
  const gt = spec.groundTruth;
  if (!gt) return undefined;
  const path = gt.path ?? (gt.url && gt.sha256 ? await fetchPinned({ url: gt.url, sha256: gt.sha256, name: 'ground-truth.csv', cacheDir: defaultCacheDir() }) : undefined);
  return path ? accuracyByArch(path, gt.column) : undefined;
}

async function reportInput(spec: ExperimentSpec, res: RunResults): Promise<ReportInput> {
  const accuracy = await groundTruth(spec);
  const correlations = accuracy ? correlationsFor(res.scores, accuracy, spec.dataset, direction) : undefined;
  const latency = res.latency?.rows ?? [];
  const input: ReportInput = { experiment: spec.name, manifest: res.manifest, scores: res.scores, latency };
  if (accuracy) input.accuracy = accuracy;
  if (correlations?.length) input.correlations = correlations;
  if (res.latency) {
    input.latencySamples = res.latency.samples.map((s) => ({ arch: s.arch, batch: s.batch, side: 'head' as const, ms: s.samples_ms }));
    const proxy = spec.proxies.find((p) => !['params', 'flops'].includes(p.name))?.name ?? spec.proxies[0]?.name;
    if (proxy && latency.length) {
      const lat = new Map(latency.filter((r) => r.batch === latency[0].batch).map((r) => [r.arch, r.median_ms]));
      const sign = direction(proxy);
      const score = new Map(res.scores.filter((r) => r.proxy === proxy && r.status === 'ok').map((r) => [r.arch, sign * r.value]));
      input.pareto = { proxy, front: paretoFront(lat, score).map((p) => p.arch) };
    }
  }
  return input;
}

function specFor(specPath: string, opts: { backend?: string; out?: string } = {}): ExperimentSpec {
  return applyOverrides(readSpec(specPath), { backend: opts.backend, out: opts.out });
}

export const pipeline: Pipeline = {
  async run(specPath, opts): Promise<PipelineResult> {
    const spec = specFor(specPath, opts);
    const result = await runExperiment(spec);
    return { outDir: result.outDir, input: await reportInput(spec, readResults(result.outDir)) };
  },

  async compare(specPath, { resultsDir }): Promise<PipelineResult> {
    const spec = specFor(specPath);
    const res = readResults(resolve(resultsDir));
    const input = await reportInput(spec, res);
    const loaded = loadBaseline(spec.baseline);
    if (!loaded.ok) {
      input.comparison = noBaseline(spec.name, loaded.message);
      return { outDir: res.dir, input };
    }
    const base = loaded.baseline;
    input.comparison = compareRun({
      experiment: spec.name, backend: res.manifest.backend, scores: res.scores, correlations: input.correlations ?? [],
      fingerprint: res.latency?.fingerprint ?? null, latency: latencyWithSamples(res.latency), direction,
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
      scores: res.scores, correlations: accuracy ? correlationsFor(res.scores, accuracy, spec.dataset, direction) : [],
      fingerprint: res.latency?.fingerprint ?? null, latency: latencyWithSamples(res.latency),
      referenceMedianMs: referenceMedian(res.latency),
    });
    writeAtomic(spec.baseline, serializeBaseline(baseline));
    return { baselinePath: spec.baseline };
  },
};
