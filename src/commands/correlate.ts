// `zsnas correlate SPEC --results DIR`: the survey-style table — per proxy Spearman rho and Kendall tau (all archs
// and top-5% by accuracy), bootstrap CIs, best-pick accuracy, and the published value beside ours.
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { markdownTable } from 'markdown-table';
import { accuracyByArch } from '../data/groundtruth.js';
import { correlationsFor } from '../compare/correlations.js';
import { PUBLISHED_SOURCE } from '../compare/published.js';
import type { CorrelationSummary } from '../compare/types.js';
import { getProxy, hasProxy } from '../proxies/index.js';
import { readSpec } from './spec-io.js';
import { readResults } from '../rundir/read.js';
import { SPACE_LABEL } from './sensitivity.js';
import { writeAtomic, toJson } from '../io/atomic.js';

const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

export function correlationMarkdown(rows: CorrelationSummary[], meta: { n: number; dataset: string; column: string; space?: string }): string {
  const published = rows.some((r) => r.published !== undefined);
  const table = markdownTable([
    ['proxy', 'n', 'Spearman ρ [95% CI]', 'Kendall τ [95% CI]', 'top-5% ρ', 'top-5% τ', 'best-pick acc', '\\|ρ\\| published', 'Δ\\|ρ\\|'],
    ...rows.map((r) => [
      r.proxy, String(r.n), `${f(r.spearman)} [${f(r.spearmanCi[0])}, ${f(r.spearmanCi[1])}]`,
      `${f(r.kendall)} [${f(r.kendallCi[0])}, ${f(r.kendallCi[1])}]`, f(r.spearmanTop), f(r.kendallTop),
      `${f(r.bestPickAccuracy, 2)} / ${f(r.bestAccuracy, 2)}`, r.published !== undefined ? f(r.published) : '–',
      r.published !== undefined ? f(Math.abs(r.spearman) - r.published) : '–',
    ]),
  ], { align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'] });
  const kind = /valid/.test(meta.column) ? 'validation accuracy' : 'accuracy';
  return `Rank correlation with ${meta.dataset} ${kind} (\`${meta.column}\`), ${meta.n} ${SPACE_LABEL[meta.space ?? 'nb201'] ?? meta.space} archs. ` +
    `Correlations are signed with each proxy's direction (higher score = predicted better); best-pick = accuracy ` +
    `of the arch the proxy ranks first / best accuracy in the sample. ` +
    `${published ? `Published: ${PUBLISHED_SOURCE}.` : 'No published values for this space.'}\n\n${table}\n`;
}

export async function cmdCorrelate(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { results: { type: 'string' }, bootstrap: { type: 'string' } } });
  if (positionals.length !== 1 || !values.results) throw new Error('usage: zsnas correlate SPEC --results DIR [--bootstrap 1000]');
  const spec = readSpec(positionals[0]);
  if (!spec.groundTruth?.path) throw new Error(`${spec.file}: correlate needs ground_truth.path (the NB201 accuracy table)`);
  const res = readResults(resolve(values.results));
  const accuracy = accuracyByArch(spec.groundTruth.path, spec.groundTruth.column);
  // The direction the run recorded (custom proxies included); the registry's for runs that recorded none.
  const dir = (p: string): 1 | -1 => res.manifest.proxies?.find((x) => x.name === p)?.direction ?? (hasProxy(p) ? getProxy(p).direction : 1);
  const rows = correlationsFor(res.scores, accuracy, spec.dataset, dir, { bootstrap: Number(values.bootstrap ?? 1000), seed: spec.seed, space: spec.space });
  const md = correlationMarkdown(rows, { n: res.manifest.archs.length, dataset: spec.dataset, column: spec.groundTruth.column, space: spec.space });
  writeAtomic(join(res.dir, 'correlations.md'), md);
  writeAtomic(join(res.dir, 'correlations.json'), toJson(rows));
  process.stdout.write(md);
  return 0;
}
