// Vega-Lite v6 specs of the report's charts: plain JSON with data inlined, so each .vl.json file stands alone.
import type { ReportInput, ChartName, LatencySamples } from './types.js';
import { CHART_TITLES } from './types.js';

export type VlSpec = Record<string, unknown>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const BASE = { $schema: SCHEMA, background: 'white', config: { font: 'DejaVu Sans, sans-serif', view: { stroke: '#ddd' } } };
/** Caps that keep a chart readable in an 800 px image. */
const MAX_PROXY_PANELS = 12;
const MAX_DISTRIBUTION_ARCHS = 16;

const NB201_OPS: Record<string, string> = { none: '∅', skip_connect: 'skip', nor_conv_1x1: 'c1', nor_conv_3x3: 'c3', avg_pool_3x3: 'pool' };

/**
 * A label short enough for an axis: NB201 cell strings become their ops per node ("c3 / c3 c3 / skip c3 c3"),
 * anything else long is cut in the middle. The full name stays in the tooltip.
 */
export function shortArch(arch: string): string {
  if (/^\|.*~\d+\|$/.test(arch)) {
    const nodes = arch.split('+').map((node) => node.split('|').filter(Boolean).map((op) => NB201_OPS[op.replace(/~\d+$/, '')] ?? op.replace(/~\d+$/, '')).join(' '));
    return nodes.join(' / ');
  }
  return arch.length <= 32 ? arch : `${arch.slice(0, 15)}…${arch.slice(-15)}`;
}

/** A log axis only when the values are all positive and span orders of magnitude (e.g. synflow). */
function scaleFor(values: number[]): { type: 'log' } | { zero: false } {
  const pos = values.length > 0 && values.every((v) => v > 0);
  return pos && Math.max(...values) / Math.min(...values) > 1e3 ? { type: 'log' } : { zero: false };
}

function okScores(input: ReportInput, proxy?: string) {
  return input.scores.filter((s) => s.status === 'ok' && Number.isFinite(s.value) && (proxy === undefined || s.proxy === proxy));
}

/** One small scatter per proxy (own scale each, as proxies differ by orders of magnitude). */
export function proxyVsAccuracySpec(input: ReportInput): VlSpec | undefined {
  const acc = input.accuracy;
  if (!acc || acc.size === 0) return undefined;
  const proxies = [...new Set(input.scores.map((s) => s.proxy))].slice(0, MAX_PROXY_PANELS);
  const rho = new Map((input.correlations ?? []).map((c) => [c.proxy, c.spearman]));
  const panels = proxies.flatMap((proxy) => {
    const values = okScores(input, proxy)
      .filter((s) => acc.has(s.arch))
      .map((s) => ({ arch: s.arch, score: s.value, accuracy: acc.get(s.arch)! }));
    if (values.length === 0) return [];
    const r = rho.get(proxy);
    return [{
      title: { text: proxy, subtitle: r === undefined ? undefined : `Spearman ρ = ${r.toFixed(3)}`, fontSize: 12 },
      width: 220,
      height: 170,
      data: { values },
      mark: { type: 'point', filled: true, opacity: 0.6, size: 30 },
      encoding: {
        x: { field: 'score', type: 'quantitative', title: 'proxy score', scale: scaleFor(values.map((v) => v.score)), axis: { format: '.2~s', tickCount: 5 } },
        y: { field: 'accuracy', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
        tooltip: [{ field: 'arch' }, { field: 'score', format: '.4~g' }, { field: 'accuracy', format: '.2f' }],
      },
    }];
  });
  if (panels.length === 0) return undefined;
  return { ...BASE, title: CHART_TITLES['proxy-vs-accuracy'], columns: 3, concat: panels };
}

/** Grouped bars of Spearman ρ per proxy: this run (with its 95% CI), the baseline, the published value. */
export function correlationSpec(input: ReportInput): VlSpec | undefined {
  const rows = input.correlations ?? [];
  if (rows.length === 0) return undefined;
  const values: Array<Record<string, unknown>> = [];
  for (const c of rows) {
    if (Number.isFinite(c.spearman)) values.push({ proxy: c.proxy, source: 'this run', rho: c.spearman, lo: c.spearmanCi[0], hi: c.spearmanCi[1] });
    if (c.baselineSpearman !== undefined && Number.isFinite(c.baselineSpearman)) values.push({ proxy: c.proxy, source: 'baseline', rho: c.baselineSpearman });
    if (c.published !== undefined && Number.isFinite(c.published)) values.push({ proxy: c.proxy, source: 'published', rho: c.published });
  }
  if (values.length === 0) return undefined;
  const lo = Math.min(0, ...values.map((v) => Math.min(v.rho as number, (v.lo as number | undefined) ?? 0)));
  const sources = ['this run', 'baseline', 'published'];
  const x = { field: 'proxy', type: 'nominal', title: 'proxy', axis: { labelAngle: -30 } };
  const xOffset = { field: 'source', sort: sources };
  return {
    ...BASE,
    title: CHART_TITLES.correlation,
    width: { step: 60 },
    height: 260,
    data: { values },
    encoding: { x, xOffset },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { field: 'rho', type: 'quantitative', title: 'Spearman ρ with accuracy', scale: { domain: [Math.floor(lo * 10) / 10, 1] } },
          color: { field: 'source', type: 'nominal', title: null, sort: sources, scale: { domain: sources, range: ['#4c78a8', '#9ecae9', '#f58518'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'proxy' }, { field: 'source' }, { field: 'rho', format: '.3f' }],
        },
      },
      {
        transform: [{ filter: "datum.source === 'this run'" }],
        mark: { type: 'rule', color: 'black' },
        encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
    ],
  };
}

/** Median latency (smallest batch) against one proxy's score; the Pareto front drawn as a step line. */
export function latencyParetoSpec(input: ReportInput): VlSpec | undefined {
  if (input.latency.length === 0) return undefined;
  const proxy = input.pareto?.proxy ?? input.scores[0]?.proxy;
  if (!proxy) return undefined;
  const batch = Math.min(...input.latency.map((l) => l.batch));
  const ms = new Map(input.latency.filter((l) => l.batch === batch).map((l) => [l.arch, l.median_ms]));
  const front = new Set(input.pareto?.front ?? []);
  const values = okScores(input, proxy)
    .filter((s) => ms.has(s.arch))
    .map((s) => ({ arch: s.arch, cell: shortArch(s.arch), latency: ms.get(s.arch)!, score: s.value, front: front.has(s.arch) ? 'Pareto front' : 'other' }));
  if (values.length === 0) return undefined;
  const x = { field: 'latency', type: 'quantitative', title: `median latency, batch ${batch} (ms)`, scale: scaleFor(values.map((v) => v.latency)) };
  const y = { field: 'score', type: 'quantitative', title: `${proxy} score`, scale: scaleFor(values.map((v) => v.score)), axis: { format: '.3~s' } };
  return {
    ...BASE,
    title: { text: CHART_TITLES['latency-pareto'], subtitle: `proxy ${proxy}, ${values.length} archs, ${front.size} on the front` },
    width: 640,
    height: 340,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum.front === 'Pareto front'" }],
        mark: { type: 'line', interpolate: 'step-after', color: '#e45756', strokeWidth: 2 },
        encoding: { x, y, order: { field: 'latency', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 45 },
        encoding: {
          x,
          y,
          color: { field: 'front', type: 'nominal', title: null, scale: { domain: ['Pareto front', 'other'], range: ['#e45756', '#9a9a9a'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'cell' }, { field: 'arch' }, { field: 'latency', format: '.3f' }, { field: 'score', format: '.4~g' }],
        },
      },
    ],
  };
}

function samplesOrSummary(input: ReportInput): { samples: LatencySamples[]; fromSummary: boolean } {
  if (input.latencySamples && input.latencySamples.length > 0) return { samples: input.latencySamples, fromSummary: false };
  // Without raw samples, draw this run's quartiles and min as a 4-point strip; the baseline's median from the comparison.
  const samples: LatencySamples[] = input.latency.map((l) => ({ arch: l.arch, batch: l.batch, side: 'head', ms: [l.min_ms, l.p25_ms, l.median_ms, l.p75_ms] }));
  for (const it of input.comparison?.items ?? []) {
    if (it.kind !== 'latency' || it.baseline === undefined) continue;
    const batch = Number(/batch=(\d+)/.exec(it.metric)?.[1] ?? NaN);
    samples.push({ arch: it.key, batch, side: 'base', ms: [it.baseline] });
  }
  return { samples, fromSummary: true };
}

/** Box plot per arch of the raw latency samples, baseline vs this run side by side. */
export function latencyDistributionSpec(input: ReportInput): VlSpec | undefined {
  const { samples, fromSummary } = samplesOrSummary(input);
  if (samples.length === 0) return undefined;
  // Show the archs whose latency comparison changed first, then the rest, up to a readable count.
  const changed = new Set((input.comparison?.items ?? []).filter((i) => i.kind === 'latency' && i.verdict !== 'unchanged').map((i) => i.key));
  const archs = [...new Set(samples.map((s) => s.arch))].sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
  const shown = new Set(archs.slice(0, MAX_DISTRIBUTION_ARCHS));
  const label = (s: LatencySamples) => (s.batch === 1 || Number.isNaN(s.batch) ? shortArch(s.arch) : `${shortArch(s.arch)} (b${s.batch})`);
  const values = samples
    .filter((s) => shown.has(s.arch))
    .flatMap((s) => s.ms.filter(Number.isFinite).map((ms) => ({ arch: label(s), run: s.side === 'base' ? 'baseline' : 'this run', ms })));
  const subtitle = [
    fromSummary ? 'from summaries (min, quartiles; baseline median)' : 'raw samples',
    archs.length > shown.size ? `${shown.size} of ${archs.length} archs, changed first` : `${archs.length} archs`,
  ].join(' · ');
  const runs = ['baseline', 'this run'];
  const encoding = {
    y: { field: 'arch', type: 'nominal', title: null, sort: [...new Set(values.map((v) => v.arch))], axis: { labelLimit: 260 } },
    yOffset: { field: 'run', sort: runs },
    x: { field: 'ms', type: 'quantitative', title: 'latency (ms)', scale: { zero: false } },
    color: { field: 'run', type: 'nominal', title: null, scale: { domain: runs, range: ['#f58518', '#4c78a8'] }, legend: { orient: 'top' } },
  };
  const box = { type: 'boxplot', extent: 1.5, size: 10, median: { color: 'black' } };
  const head = { ...BASE, title: { text: CHART_TITLES['latency-distribution'], subtitle }, width: 640, height: { step: 14 }, data: { values }, encoding };
  if (!fromSummary) return { ...head, mark: box };
  // Only one baseline value per arch here: a diamond reads better than a zero-width box.
  return {
    ...head,
    layer: [
      { transform: [{ filter: "datum.run === 'this run'" }], mark: box },
      { transform: [{ filter: "datum.run === 'baseline'" }], mark: { type: 'point', shape: 'diamond', filled: true, size: 70, opacity: 1 } },
    ],
  };
}

/** Every chart the input has data for. */
export function buildCharts(input: ReportInput): Partial<Record<ChartName, VlSpec>> {
  const out: Partial<Record<ChartName, VlSpec>> = {};
  const all: Array<[ChartName, VlSpec | undefined]> = [
    ['proxy-vs-accuracy', proxyVsAccuracySpec(input)],
    ['correlation', correlationSpec(input)],
    ['latency-pareto', latencyParetoSpec(input)],
    ['latency-distribution', latencyDistributionSpec(input)],
  ];
  for (const [name, spec] of all) if (spec) out[name] = spec;
  return out;
}
