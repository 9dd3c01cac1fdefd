// The pipeline with a base ref (pull requests): both sides run in this process (run-ab.ts), and the head is
// judged by the base side: the base commit's thresholds, its committed baseline for the scores when it has one,
// else the base's scores computed in the same run; latency only from the side-by-side measurement.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineResult } from '../pipeline-types.js';
import type { ExperimentSpec } from '../spec/types.js';
import type { AbManifest } from '../results.js';
import type { AbSides } from '../compare/ab-types.js';
import { loadBaseline } from '../compare/baseline.js';
import { noBaseline } from '../compare/compare.js';
import { correlationsFor } from '../compare/correlations.js';
import { loadBaseSide, NoBaseSpecError } from '../compare/base-side.js';
import { committedLatencyComparable, judgeAb } from '../compare/ab-compare.js';
import { parseLatencyAbCsv } from '../compare/latency-ab-csv.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { repoPath, repoRoot } from '../git/ref-files.js';
import { runAb } from './run-ab.js';
import { runExperiment } from './run.js';
import { readResults, type RunResults } from '../rundir/read.js';
import { direction, groundTruth, reportInput } from './report-input.js';
import { specOptions } from './spec-io.js';

const sidesOf = (ab: AbManifest): AbSides => ({
  baseRef: ab.baseRef, ...(ab.baseSha ? { baseSha: ab.baseSha } : {}), ...(ab.headSha ? { headSha: ab.headSha } : {}),
  added: ab.added, removed: ab.removed, judgingChanges: ab.judgingChanges,
});

export async function runWithBase(spec: ExperimentSpec, baseRef: string): Promise<PipelineResult> {
  try {
    await runAb(spec, baseRef, { fetch: true });
  } catch (err) {
    if (!(err instanceof NoBaseSpecError)) throw err;
    // A PR that adds the experiment: the head alone, and nothing of the PR's own files to judge it by.
    const head = await runExperiment(spec);
    const root = repoRoot(join(spec.file, '..'));
    const specPath = repoPath(root, spec.file) ?? spec.file;
    const ab: AbManifest = {
      baseRef, added: head.archs, removed: [], judgingChanges: [specPath], specPath, clock: 'wall', rounds: 0, latencySeconds: 0, noBase: err.message,
    };
    writeAtomic(join(spec.output, 'run.json'), toJson({ ...head.manifest, ab }));
  }
  const res = readResults(spec.output);
  return compareWithBase(spec, res, res.manifest.ab!);
}

export async function compareWithBase(spec: ExperimentSpec, res: RunResults, ab: AbManifest): Promise<PipelineResult> {
  const input = await reportInput(spec, res);
  input.abSides = sidesOf(ab);
  if (ab.noBase) {
    input.comparison = noBaseline(spec.name, ab.noBase);
    return { outDir: res.dir, input };
  }
  const abCsv = join(res.dir, 'latency-ab.csv');
  const latencyAb = existsSync(abCsv) ? parseLatencyAbCsv(readFileSync(abCsv, 'utf8'), abCsv) : [];
  if (latencyAb.length) input.latencyAb = latencyAb;
  // The judging files come from the base commit again (git), not from what the results folder says.
  const base = loadBaseSide(spec.file, ab.baseSha ?? ab.baseRef, { ...specOptions(), fetch: true });
  try {
    const baseRes = readResults(join(res.dir, 'base'));
    const loaded = loadBaseline(base.spec.baseline);
    const committed = loaded.ok ? loaded : { ...loaded, message: base.describe(loaded.message) };
    const accuracy = await groundTruth(base.spec);
    const baseCorrelations = accuracy ? correlationsFor(baseRes.scores, accuracy, base.spec.dataset, direction, { space: base.spec.space }) : [];
    const comparison = judgeAb({
      experiment: spec.name, backend: res.manifest.backend, seed: res.manifest.seed, versions: res.manifest.versions,
      head: { scores: res.scores, correlations: input.correlations ?? [], fingerprint: res.latency?.fingerprint ?? null },
      base: { scores: baseRes.scores, correlations: baseCorrelations },
      latencyAb, committed, thresholds: base.spec.thresholds, direction,
    });
    const { scoresAgainst, ...rest } = comparison;
    input.comparison = rest;
    const reference = committed.ok ? committed.baseline.correlations : baseCorrelations;
    for (const c of input.correlations ?? []) {
      const b = reference.find((x) => x.proxy === c.proxy);
      if (b) c.baselineSpearman = b.spearman;
    }
    // Base latency samples: the side-by-side ones (same machine, same rounds); a committed baseline's only where
    // its fingerprint matches this run's, as extra context in the item's detail.
    input.latencySamples = [
      ...(baseRes.latency?.samples ?? []).map((s) => ({ arch: s.arch, batch: s.batch, side: 'base' as const, ms: s.samples_ms })),
      ...(input.latencySamples ?? []),
    ];
    if (committed.ok && committedLatencyComparable(committed.baseline, res.latency?.fingerprint ?? null)) {
      for (const item of input.comparison.items) {
        const row = item.kind === 'latency' ? committed.baseline.latency.rows.find((r) => r.arch === item.key && `batch=${r.batch}` === item.metric) : undefined;
        if (row) item.detail += `; committed baseline (same hardware/software): ${row.median_ms.toFixed(2)} ms median`;
      }
    }
    if (scoresAgainst === 'committed-baseline' && committed.ok && committed.migratedFrom !== undefined) {
      input.comparison.message = `baseline migrated from format ${committed.migratedFrom}; run \`zsnas baseline update\` to rewrite it`;
    }
    return { outDir: res.dir, input };
  } finally {
    base.dispose();
  }
}
