// A committed report folder as a site entry: report/input.json (zsnas compare), correlations.json (zsnas correlate),
// hw-aware.json (zsnas hw-aware), with run.json/scores.csv/latency.json when present. Whatever is there is shown.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCharts } from '../../report/charts.js';
import { CHART_NAMES, CHART_TITLES, deserializeInput, type ChartName, type ReportInput, type SerializedReportInput } from '../../report/types.js';
import type { CorrelationSummary } from '../../compare/types.js';
import type { LatencyJson } from '../../latency/csv.js';
import type { RunManifest } from '../../results.js';
import { parseScoresCsv } from '../../rundir/scores-csv.js';
import { agreementSpec, meanGapSpec, type HwAwareJson } from './hwaware-charts.js';
import { sensitivityCharts } from '../../report/sensitivity-section.js';
import type { Sensitivity } from '../../stats/sensitivity.js';
import { fingerprintSummary, folderFiles, paretoFor, retitle, type EntryKind, type MarkdownSection, type SiteChart, type SiteEntry } from './entry.js';

/** Files that make a folder a report (checked in this order; the first decides the kind shown on the index). */
export const REPORT_MARKERS: Array<[string, EntryKind]> = [
  ['hw-aware.json', 'hw-aware'], ['sensitivity.json', 'sensitivity'], ['correlations.json', 'correlations'], ['report/input.json', 'report'],
];

export function isReportFolder(dir: string): boolean {
  return REPORT_MARKERS.some(([f]) => existsSync(join(dir, f)));
}

const revive = (_k: string, v: unknown) => (v === 'NaN' || v === null ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v);

function readJson<T>(path: string, problems: string[]): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'), revive) as T;
  } catch (e) {
    problems.push(`${path} could not be read: ${(e as Error).message}`);
    return undefined;
  }
}

/** The run's own data as a chart input, when the folder holds a `zsnas run` output (run.json + scores.csv). */
function inputFromRun(dir: string, manifest: RunManifest, problems: string[]): ReportInput | undefined {
  const csv = join(dir, 'scores.csv');
  if (!existsSync(csv)) return undefined;
  try {
    const scores = parseScoresCsv(readFileSync(csv, 'utf8'), csv);
    const lat = readJson<LatencyJson>(join(dir, 'latency.json'), problems);
    const latencySamples = (lat?.samples ?? []).map((s) => ({ arch: s.arch, batch: s.batch, side: 'head' as const, ms: s.samples_ms }));
    return { experiment: manifest.name, manifest, scores, latency: lat?.rows ?? [], latencySamples };
  } catch (e) {
    problems.push((e as Error).message);
    return undefined;
  }
}

const MARKDOWN_FILES = ['README.md', 'report/report.md', 'correlations.md', 'hw-aware.md', 'sensitivity.md'];
/** The chart files writeReport puts beside report.md: the page draws them live instead. */
const CHART_IMAGE = new RegExp(`(^|/)(${CHART_NAMES.join('|')})\\.(png|svg)$`);

export function reportEntry(reportsDir: string, rel: string, slug: string): SiteEntry {
  const dir = join(reportsDir, rel);
  const problems: string[] = [];
  const kind = REPORT_MARKERS.find(([f]) => existsSync(join(dir, f)))![1];
  const serialized = readJson<SerializedReportInput>(join(dir, 'report', 'input.json'), problems);
  const fromCompare = serialized ? deserializeInput(serialized) : undefined;
  const manifest = readJson<RunManifest>(join(dir, 'run.json'), problems) ?? fromCompare?.manifest;
  const correlations = readJson<CorrelationSummary[]>(join(dir, 'correlations.json'), problems);
  const hw = readJson<HwAwareJson & { name?: string; nArchs?: number; fingerprint?: RunManifest['fingerprint'] }>(join(dir, 'hw-aware.json'), problems);

  let input = fromCompare ?? (manifest ? inputFromRun(dir, manifest, problems) : undefined);
  if (correlations?.length) {
    // Charts read only scores, latency, correlations and their optional extras; the manifest is not drawn.
    input = input ? { ...input, correlations: input.correlations?.length ? input.correlations : correlations }
      : { experiment: rel, manifest: manifest ?? ({} as RunManifest), scores: [], latency: [], correlations };
  }
  const sweep = readJson<Sensitivity & { experiment?: string; archs?: number }>(join(dir, 'sensitivity.json'), problems);
  const charts: SiteChart[] = [];
  if (sweep) for (const c of sensitivityCharts(sweep)) charts.push({ title: c.title, spec: c.spec });
  if (hw) {
    const a = agreementSpec(hw);
    const g = meanGapSpec(hw);
    if (a) charts.push({ title: 'Measured cost vs HW-NAS-Bench devices', spec: a });
    if (g) charts.push({ title: 'Pareto gap under cost budgets', spec: g });
  }
  if (input) {
    if (!input.pareto) input = { ...input, pareto: paretoFor(input) };
    for (const [name, spec] of Object.entries(buildCharts(input)) as Array<[ChartName, SiteChart['spec']]>) {
      // Without a comparison the samples are this run's alone.
      const own = name === 'latency-distribution' && !fromCompare;
      charts.push({ title: CHART_TITLES[name], spec: own ? retitle(spec, 'Latency samples of this run') : spec });
    }
  }

  const markdown: MarkdownSection[] = MARKDOWN_FILES.filter((f) => existsSync(join(dir, f))).map((f) => ({
    md: readFileSync(join(dir, f), 'utf8'),
    dir: f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '',
    dropImages: CHART_IMAGE,
  }));
  const fp = manifest?.fingerprint ?? hw?.fingerprint;
  const main = REPORT_MARKERS.find(([f]) => existsSync(join(dir, f)))![0];
  return {
    slug, kind, source: rel, problems, charts, markdown,
    title: fromCompare?.experiment ?? hw?.name ?? manifest?.name ?? sweep?.experiment ?? rel,
    date: manifest?.finishedAt,
    backend: manifest?.backend ?? fp?.backend,
    machine: fingerprintSummary(fp),
    archs: manifest?.archs?.length ?? hw?.nArchs ?? sweep?.archs ?? correlations?.[0]?.n,
    proxies: input && input.scores.length ? new Set(input.scores.map((s) => s.proxy)).size : correlations?.length,
    files: folderFiles(dir),
    mainFile: main,
  };
}
