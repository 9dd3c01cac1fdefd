// The analysis step of `zsnas sweep`: reads every run of the plan, computes the sensitivity tables
// (stats/sensitivity.ts) and writes OUT/sensitivity.json, OUT/sensitivity.md and OUT/charts/<id>.vl.json + .svg.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { accuracyByArch } from '../data/groundtruth.js';
import { getProxy, hasProxy } from '../proxies/index.js';
import { sensitivity, type RunScores, type Sensitivity } from '../stats/sensitivity.js';
import { sensitivityCharts, sensitivityMarkdown } from '../report/sensitivity-section.js';
import { renderSvg } from '../report/render.js';
import type { ExperimentSpec } from '../spec/types.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { readResults } from '../rundir/read.js';
import type { SweepPlan } from './sweep-plan.js';

export const SPACE_LABEL: Record<string, string> = {
  nb201: 'NAS-Bench-201', 'nb201-samsung': 'NAS-Bench-201 (SamsungLabs network)', 'nats-sss': 'NATS-Bench SSS',
};

/** What the accuracy column is, in words: the SSS table holds validation accuracy, NB201's test accuracy. */
export function groundTruthWords(spec: ExperimentSpec): string {
  const col = spec.groundTruth?.column ?? '';
  const kind = /valid/.test(col) ? 'validation accuracy' : /test/.test(col) ? 'test accuracy' : 'accuracy';
  return `${spec.dataset} ${kind} (\`${col}\`)`;
}

export interface SweepAnalysis {
  sensitivity: Sensitivity;
  markdown: string;
}

export async function analyzeSweep(spec: ExperimentSpec, plan: SweepPlan, dir: string, opts: { bootstrap?: number } = {}): Promise<SweepAnalysis> {
  if (!spec.groundTruth?.path) throw new Error(`${spec.file}: the sensitivity analysis needs ground_truth.path (an accuracy table)`);
  const accuracy = accuracyByArch(spec.groundTruth.path, spec.groundTruth.column);
  const runs = new Map<string, RunScores>();
  let archCount = 0;
  // A sweep cut short (or a CI job lost) still gets its tables: absent runs are left out and named.
  const missing = plan.runs.filter((r) => !existsSync(join(dir, r.id, 'run.json'))).map((r) => r.id);
  if (missing.length === plan.runs.length) throw new Error(`${dir}: none of the sweep's runs is there (expected ${plan.runs.map((r) => r.id).join(', ')})`);
  for (const run of plan.runs) {
    if (missing.includes(run.id)) continue;
    const res = readResults(join(dir, run.id));
    archCount = Math.max(archCount, res.manifest.archs.length);
    const byProxy: RunScores = new Map();
    for (const r of res.scores) {
      if (!byProxy.has(r.proxy)) byProxy.set(r.proxy, new Map());
      byProxy.get(r.proxy)!.set(r.arch, r.status === 'ok' ? r.value : NaN);
    }
    runs.set(run.id, byProxy);
  }
  const proxies = new Set([...runs.values()].flatMap((m) => [...m.keys()]));
  const direction = new Map([...proxies].map((p) => [p, hasProxy(p) ? getProxy(p).direction : 1] as [string, 1 | -1]));
  const factors = plan.factors.map((f) => {
    const values = f.values.filter((v) => runs.has(v.run));
    return { ...f, values, reference: values.some((v) => v.label === f.reference) ? f.reference : values[0]?.label ?? f.reference };
  }).filter((f) => f.values.length > 0);
  const result = sensitivity(factors, runs, accuracy, { bootstrap: opts.bootstrap ?? 1000, seed: spec.seed, direction });
  const markdown = sensitivityMarkdown(result, {
    archs: `${archCount} ${SPACE_LABEL[spec.space] ?? spec.space} archs (${spec.name}, seed ${spec.seed})`,
    groundTruth: groundTruthWords(spec),
  }) + (missing.length ? `\nNot in this report (the sweep did not produce them): ${missing.map((m) => `\`${m}\``).join(', ')}.\n` : '');
  writeAtomic(join(dir, 'sensitivity.json'), toJson({ experiment: spec.name, space: spec.space, dataset: spec.dataset, archs: archCount, runs: plan.runs.filter((r) => runs.has(r.id)), missing, ...result }));
  writeAtomic(join(dir, 'sensitivity.md'), markdown);
  for (const chart of sensitivityCharts(result)) {
    writeAtomic(join(dir, 'charts', `${chart.id}.vl.json`), toJson(chart.spec));
    writeAtomic(join(dir, 'charts', `${chart.id}.svg`), await renderSvg(chart.spec));
  }
  return { sensitivity: result, markdown };
}
