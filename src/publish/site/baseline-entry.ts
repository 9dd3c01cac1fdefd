// A committed baseline (reports/baselines/<name>.json) as a site entry: its correlations, latency samples and scores,
// drawn with the report's own chart builders and listed as tables.
import { basename } from 'node:path';
import { markdownTable } from 'markdown-table';
import { loadBaseline, type Baseline } from '../../compare/baseline.js';
import { buildCharts } from '../../report/charts.js';
import { cell, fmtNum, fmtScore } from '../../report/format.js';
import { CHART_TITLES, type ChartName, type ReportInput } from '../../report/types.js';
import type { RunManifest, ScoreRow } from '../../results.js';
import { fingerprintSummary, paretoFor, retitle, type SiteChart, type SiteEntry } from './entry.js';

function baselineInput(b: Baseline): ReportInput {
  const scores: ScoreRow[] = Object.entries(b.scores).flatMap(([arch, byProxy]) =>
    Object.entries(byProxy).map(([proxy, s]) => ({ arch, proxy, value: s.value, status: s.status, seconds: 0 })));
  return {
    experiment: b.experiment,
    // Charts read only scores, latency, correlations and samples; the manifest is not drawn.
    manifest: { name: b.experiment, backend: b.backend } as RunManifest,
    scores,
    latency: b.latency.rows,
    correlations: b.correlations,
    latencySamples: b.latency.rows.map((r) => ({ arch: r.arch, batch: r.batch, side: 'base' as const, ms: r.samples_ms })),
  };
}

function tables(b: Baseline, input: ReportInput): string {
  const parts = [
    `Committed baseline of \`${b.experiment}\`: backend \`${b.backend}\`, seed ${b.seed}; ` +
      `${Object.entries(b.versions).map(([k, v]) => `${k} ${v}`).join(', ') || 'no versions recorded'}.`,
  ];
  if (b.correlations.length) {
    parts.push('# Rank correlation with ground truth', markdownTable([
      ['proxy', 'n', 'Spearman ρ', '95% CI', 'Kendall τ', 'published ρ'],
      ...b.correlations.map((c) => [`\`${cell(c.proxy)}\``, String(c.n), fmtNum(c.spearman, 3), `[${fmtNum(c.spearmanCi[0], 3)}, ${fmtNum(c.spearmanCi[1], 3)}]`, fmtNum(c.kendall, 3), fmtNum(c.published, 3)]),
    ], { align: ['l', 'r', 'r', 'r', 'r', 'r'] }));
  }
  if (b.latency.rows.length) {
    parts.push('# Latency', `Measured on ${fingerprintSummary(b.latency.fingerprint) ?? 'an unrecorded machine'}.`, markdownTable([
      ['arch', 'batch', 'median ms', 'p25–p75 ms', 'cv', 'n'],
      ...b.latency.rows.map((r) => [`\`${cell(r.arch)}\``, String(r.batch), fmtNum(r.median_ms, 4), `${fmtNum(r.p25_ms, 3)}–${fmtNum(r.p75_ms, 3)}`, fmtNum(r.cv, 2), String(r.n)]),
    ], { align: ['l', 'r', 'r', 'r', 'r', 'r'] }));
  }
  const proxies = [...new Set(input.scores.map((s) => s.proxy))];
  if (proxies.length) {
    const rows = Object.entries(b.scores).map(([arch, byProxy]) => [`\`${cell(arch)}\``, ...proxies.map((p) => {
      const s = byProxy[p];
      return s ? fmtScore({ arch, proxy: p, value: s.value, status: s.status, seconds: 0 }) : '–';
    })]);
    parts.push('# Scores', markdownTable([['arch', ...proxies.map((p) => `\`${cell(p)}\``)], ...rows], { align: ['l', ...proxies.map(() => 'r' as const)] }));
  }
  return parts.join('\n\n') + '\n';
}

export function baselineEntry(path: string, rel: string, slug: string): SiteEntry {
  const file = basename(path);
  const base: SiteEntry = {
    slug, kind: 'baseline', title: file.replace(/\.json$/, ''), source: rel, charts: [], markdown: [],
    files: [{ from: path, to: file }], mainFile: file, problems: [],
  };
  const load = loadBaseline(path);
  if (!load.ok) return { ...base, problems: [load.message] };
  const b = load.baseline;
  const input = baselineInput(b);
  input.pareto = paretoFor(input);
  const charts: SiteChart[] = (Object.entries(buildCharts(input)) as Array<[ChartName, SiteChart['spec']]>)
    .map(([name, spec]) => ({ title: CHART_TITLES[name], spec: name === 'latency-distribution' ? retitle(spec, 'Latency samples of the committed baseline') : spec }));
  return {
    ...base,
    title: b.experiment || base.title,
    backend: b.backend,
    machine: fingerprintSummary(b.latency.fingerprint),
    archs: Object.keys(b.scores).length,
    proxies: new Set(input.scores.map((s) => s.proxy)).size,
    charts,
    markdown: [{ md: tables(b, input), dir: '' }],
    problems: load.migratedFrom !== undefined ? [`migrated from baseline format ${load.migratedFrom}`] : [],
  };
}
