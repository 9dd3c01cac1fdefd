// `zsnas hw-aware SPEC [--out DIR] [--from DIR] [--budgets K] [--latency-engine E]`: runs the spec (or reuses a finished run's
// results), then compares our measured latency with HW-NAS-Bench's devices and each proxy's budgeted picks with
// the ground-truth Pareto front. Writes DIR/hw-aware.json, hw-aware.md, agreement.md and pareto-gap.md.
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { accuracyByArch } from '../data/groundtruth.js';
import { resolveDataFile } from '../data/sources.js';
import { countFlops } from '../graph/count.js';
import { analyzeHwAware } from '../hwaware/analyze.js';
import { deviceColumns, deviceCosts } from '../hwaware/devices.js';
import { agreementSection, hwAwareDocument, paretoGapMarkdown, type HwAwareMeta } from '../hwaware/markdown.js';
import { meanGaps } from '../hwaware/pareto-report.js';
import type { Fingerprint, LatencyRow, RunManifest, ScoreRow } from '../results.js';
import { buildNb201 } from '../spaces/nb201/network.js';
import { DEFAULT_GT_COLUMN } from '../spec/sections.js';
import type { ExperimentSpec } from '../spec/types.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { runExperiment } from './run.js';
import { readResults } from '../rundir/read.js';
import { readSpec } from './spec-io.js';
import { directionOf } from './report-input.js';
import { applyOverrides } from './overrides.js';

interface RunData {
  archs: string[];
  scores: ScoreRow[];
  latency: LatencyRow[];
  fingerprint?: Fingerprint;
  runSeconds: number;
  /** Its run.json: each proxy's direction as recorded (a custom proxy's module is not loaded again). */
  manifest: RunManifest;
}

export async function cmdHwAware(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, from: { type: 'string' }, budgets: { type: 'string' }, 'latency-engine': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error(`hw-aware takes one SPEC file, got ${positionals.length}${positionals.length ? `: ${positionals.join(' ')}` : ''}`);
  const budgets = values.budgets === undefined ? 10 : Number(values.budgets);
  if (!Number.isInteger(budgets) || budgets < 1) throw new Error(`--budgets: got "${values.budgets}", expected a positive integer`);
  const spec = applyOverrides(readSpec(positionals[0]), { latencyEngine: values['latency-engine'] });
  const outDir = resolve(values.out ?? values.from ?? spec.output);

  const run = values.from ? readRunDir(resolve(values.from)) : await freshRun({ ...spec, output: outDir });
  const accuracyPath = spec.groundTruth?.path ?? (await resolveDataFile('nb201_accuracy.csv'));
  const accuracyColumn = spec.groundTruth?.column ?? DEFAULT_GT_COLUMN[spec.dataset];
  const hwPath = await resolveDataFile('nb201_hw_nas_bench.csv');
  const allAccuracy = accuracyByArch(accuracyPath, accuracyColumn);
  const accuracy = new Map(run.archs.map((a) => [a, allAccuracy.get(a) ?? NaN]));
  const flops = new Map(run.archs.map((a) => [a, countFlops(buildNb201(a, spec.dataset))]));
  // The directions the run recorded, as compare and correlate use them: a direction -1 custom proxy is lower-is-better.
  const directionIn = directionOf(run.manifest);
  const direction = new Map<string, 1 | -1>([...new Set(run.scores.map((r) => r.proxy))].map((p) => [p, directionIn(p)]));

  const result = analyzeHwAware({
    archs: run.archs, scores: run.scores, latency: run.latency, flops, accuracy,
    devices: deviceCosts(hwPath, accuracyPath, run.archs, deviceColumns(spec.dataset)), direction, budgets,
  });
  const meta: HwAwareMeta = {
    name: spec.name, dataset: spec.dataset, accuracyColumn, nArchs: run.archs.length,
    latencyBatch: result.latencyBatch, runSeconds: run.runSeconds, fingerprint: run.fingerprint,
  };
  const gaps = Object.fromEntries([...meanGaps(result.paretoGap)].map(([p, m]) => [p, Object.fromEntries(m)]));
  writeAtomic(join(outDir, 'hw-aware.json'), toJson({
    formatVersion: 1, ...meta, spec: relative(process.cwd(), spec.file), budgetsPerCost: budgets, meanGaps: gaps, ...result,
  }));
  writeAtomic(join(outDir, 'agreement.md'), `# Measured latency vs HW-NAS-Bench devices\n\n${agreementSection(meta, result.agreement)}`);
  writeAtomic(join(outDir, 'pareto-gap.md'), `# Pareto gap under cost budgets\n\n${paretoGapMarkdown(result.paretoGap)}`);
  writeAtomic(join(outDir, 'hw-aware.md'), hwAwareDocument(meta, result.agreement, result.paretoGap));

  process.stdout.write(`${spec.name}: ${run.archs.length} archs -> ${outDir}/hw-aware.md, hw-aware.json\n`);
  for (const r of result.agreement) {
    process.stdout.write(`  ${r.measure.padEnd(12)} vs ${r.device.padEnd(22)} rho ${r.spearman.toFixed(3)}  tau ${r.kendall.toFixed(3)}  n ${r.n}\n`);
  }
  return 0;
}

async function freshRun(spec: ExperimentSpec): Promise<RunData> {
  const r = await runExperiment(spec);
  return {
    archs: r.archs, scores: r.scores, latency: r.latency, fingerprint: r.manifest.fingerprint,
    runSeconds: r.manifest.timings.totalSeconds, manifest: r.manifest,
  };
}

/** A finished run's folder (scores.csv, run.json, and latency.json when latency was measured). */
function readRunDir(dir: string): RunData {
  const r = readResults(dir);
  return {
    archs: r.manifest.archs, scores: r.scores, latency: r.latency?.rows ?? [], fingerprint: r.manifest.fingerprint,
    runSeconds: r.manifest.timings.totalSeconds, manifest: r.manifest,
  };
}
