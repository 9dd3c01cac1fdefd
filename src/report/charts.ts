// Vega-Lite v6 specs of the report's charts: plain JSON with data inlined, so each .vl.json file stands alone.
// Every chart is laid out for an 800 px PNG (PR comment) and fits 1280 px on the site; legends name only the series
// that are present.
import type { ReportInput, ChartName, LatencySamples } from './types.js';
import { CHART_TITLES } from './types.js';
import { archLabel, labelArchs, reportArchs } from './labels.js';
import { changeRows } from './changes.js';
import { BASE_SPEC, CHART_WIDTH, changeSpec, colourScale, latencyAbSpec, type Labeler, type VlSpec } from './change-charts.js';
import { latencyParetoSpec } from './pareto-chart.js';

export type { VlSpec } from './change-charts.js';

const MAX_PROXY_PANELS = 24;
const MAX_DISTRIBUTION_ARCHS = 16;

/** The short label of an arch, as tables and charts show it (see labels.ts). */
export function shortArch(arch: string): string {
  return archLabel(arch);
}

/** A log axis only when the values are all positive and span orders of magnitude (e.g. synflow). */
export function scaleFor(values: number[]): { type: 'log' } | { zero: false } {
  const pos = values.length > 0 && values.every((v) => v > 0);
  return pos && Math.max(...values) / Math.min(...values) > 1e3 ? { type: 'log' } : { zero: false };
}

/** One small scatter per proxy (own scale each, as proxies differ by orders of magnitude), three per row. */
export function proxyVsAccuracySpec(input: ReportInput, label: Labeler): VlSpec | undefined {
  const acc = input.accuracy;
  if (!acc || acc.size === 0) return undefined;
  const proxies = [...new Set(input.scores.map((s) => s.proxy))].slice(0, MAX_PROXY_PANELS);
  const rho = new Map((input.correlations ?? []).map((c) => [c.proxy, c.spearman]));
  const panels = proxies.flatMap((proxy) => {
    const values = input.scores
      .filter((s) => s.proxy === proxy && s.status === 'ok' && Number.isFinite(s.value) && acc.has(s.arch))
      .map((s) => ({ arch: label(s.arch), score: s.value, accuracy: acc.get(s.arch)! }));
    if (values.length === 0) return [];
    const r = rho.get(proxy);
    return [{
      title: { text: proxy, subtitle: r === undefined ? undefined : `Spearman ρ = ${r.toFixed(3)}`, fontSize: 12 },
      width: 190,
      height: 140,
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
  return { ...BASE_SPEC, title: CHART_TITLES['proxy-vs-accuracy'], columns: 3, concat: panels };
}

/**
 * A dot plot, one row per proxy (19 proxies read at 800 px): Spearman ρ of this run with its 95% CI, and the base's
 * and the published value where they exist.
 */
export function correlationSpec(input: ReportInput): VlSpec | undefined {
  const rows = (input.correlations ?? []).filter((c) => Number.isFinite(c.spearman) || c.published !== undefined);
  if (rows.length === 0) return undefined;
  const order = [...rows].sort((a, b) => (Number.isFinite(b.spearman) ? b.spearman : -2) - (Number.isFinite(a.spearman) ? a.spearman : -2)).map((c) => c.proxy);
  const points: Array<Record<string, unknown>> = [];
  // Drawn in this order, so head's dot sits on top of an equal published or base value. "head" only beside a base.
  const own = rows.some((c) => c.baselineSpearman !== undefined && Number.isFinite(c.baselineSpearman)) ? 'head' : 'this run';
  for (const c of rows) if (c.published !== undefined && Number.isFinite(c.published)) points.push({ proxy: c.proxy, series: 'published', rho: c.published });
  for (const c of rows) if (c.baselineSpearman !== undefined && Number.isFinite(c.baselineSpearman)) points.push({ proxy: c.proxy, series: 'base', rho: c.baselineSpearman });
  for (const c of rows) if (Number.isFinite(c.spearman)) points.push({ proxy: c.proxy, series: own, rho: c.spearman });
  const cis = rows.filter((c) => Number.isFinite(c.spearmanCi[0]) && Number.isFinite(c.spearmanCi[1])).map((c) => ({ proxy: c.proxy, lo: c.spearmanCi[0], hi: c.spearmanCi[1] }));
  const lo = Math.min(0, ...points.map((p) => p.rho as number), ...cis.map((c) => c.lo));
  const scale = { domain: [Math.floor(lo * 10) / 10, 1] };
  const y = { field: 'proxy', type: 'nominal', title: null, sort: order, axis: { labelLimit: 200 } };
  const series = colourScale([own, 'base', 'published'].filter((s) => points.some((p) => p.series === s)), { [own]: '#4c78a8', base: '#9a9a9a', published: '#f58518' });
  const shapes: Record<string, string> = { [own]: 'circle', base: 'circle', published: 'diamond' };
  return {
    ...BASE_SPEC,
    title: { text: CHART_TITLES.correlation, subtitle: `Spearman ρ with ground-truth accuracy, ${rows.length} proxies; line: 95% CI of ${own}` },
    width: CHART_WIDTH,
    height: Math.max(150, order.length * 22),
    layer: [
      { data: { values: cis }, mark: { type: 'rule', color: '#4c78a8', strokeWidth: 2, opacity: 0.6 },
        encoding: { y, x: { field: 'lo', type: 'quantitative', scale, title: 'Spearman ρ' }, x2: { field: 'hi' } } },
      // Published values as large diamonds underneath, so head's dot stays visible on an equal value.
      ...[['published', 180], ['dots', 70]].map(([which, size]) => ({
        data: { values: points.filter((p) => (p.series === 'published') === (which === 'published')) },
        mark: { type: 'point', size, opacity: 1, filled: true },
        encoding: {
          y, x: { field: 'rho', type: 'quantitative', scale, title: 'Spearman ρ' },
          color: { field: 'series', type: 'nominal', title: null, scale: series, legend: { orient: 'top' } },
          shape: { field: 'series', type: 'nominal', title: null, scale: { domain: series.domain, range: series.domain.map((s) => shapes[s]) }, legend: { orient: 'top' } },
          tooltip: [{ field: 'proxy' }, { field: 'series' }, { field: 'rho', format: '.3f' }],
        },
      })),
    ],
  };
}

function samplesOrSummary(input: ReportInput): { samples: LatencySamples[]; fromSummary: boolean } {
  if (input.latencySamples && input.latencySamples.length > 0) return { samples: input.latencySamples, fromSummary: false };
  // Without raw samples, draw head's quartiles and min as a 4-point strip.
  return { samples: input.latency.map((l) => ({ arch: l.arch, batch: l.batch, side: 'head', ms: [l.min_ms, l.p25_ms, l.median_ms, l.p75_ms] })), fromSummary: true };
}

/** Box plot per arch of the raw latency samples (base and head side by side where both exist), log axis when spread. */
export function latencyDistributionSpec(input: ReportInput, label: Labeler): VlSpec | undefined {
  const { samples, fromSummary } = samplesOrSummary(input);
  if (samples.length === 0) return undefined;
  // Archs whose latency changed come first and say how ("3/33/s33 · slower").
  const changed = new Map(changeRows(input).filter((r) => r.kind === 'latency' && r.arch && r.verdict !== 'unchanged').map((r) => [r.arch!, r.word]));
  const archs = [...new Set(samples.map((s) => s.arch))].sort((a, b) => Number(changed.has(b)) - Number(changed.has(a)));
  const shown = new Set(archs.slice(0, MAX_DISTRIBUTION_ARCHS));
  const name = (s: LatencySamples) => `${label(s.arch)}${s.batch === 1 ? '' : ` (b${s.batch})`}${changed.has(s.arch) ? ` · ${changed.get(s.arch)}` : ''}`;
  const values = samples.filter((s) => shown.has(s.arch)).flatMap((s) => s.ms.filter((ms) => Number.isFinite(ms) && ms > 0).map((ms) => ({ arch: name(s), run: s.side, ms })));
  if (values.length === 0) return undefined;
  const all = values.map((v) => v.ms);
  const spread = Math.max(...all) / Math.min(...all);
  const subtitle = [
    fromSummary ? 'head min and quartiles (no raw samples)' : 'raw samples',
    archs.length > shown.size ? `${shown.size} of ${archs.length} archs${changed.size ? ', changed first' : ''}` : `${archs.length} archs`,
  ].join(' · ');
  const runs = colourScale(['base', 'head'].filter((r) => values.some((v) => v.run === r)), { base: '#9a9a9a', head: '#4c78a8' });
  return {
    ...BASE_SPEC,
    title: { text: CHART_TITLES['latency-distribution'], subtitle },
    width: CHART_WIDTH,
    // A few archs still get a chart tall enough to read, never an 800×130 strip.
    height: Math.max(160, shown.size * (runs.domain.length > 1 ? 26 : 18)),
    data: { values },
    mark: { type: 'boxplot', extent: 1.5, size: 9, median: { color: 'black' } },
    encoding: {
      y: { field: 'arch', type: 'nominal', title: null, sort: [...new Set(values.map((v) => v.arch))], axis: { labelLimit: 220 } },
      ...(runs.domain.length > 1 ? { yOffset: { field: 'run', sort: runs.domain } } : {}),
      x: { field: 'ms', type: 'quantitative', title: `latency (ms${spread > 5 ? ', log scale' : ''})`, scale: spread > 5 ? { type: 'log', nice: false, padding: 12 } : { zero: false, padding: 12 } },
      color: { field: 'run', type: 'nominal', title: null, scale: runs, legend: runs.domain.length > 1 ? { orient: 'top' } : null },
    },
  };
}

/** Every chart the input has data for. Labels default to the report's own (labels.ts). */
export function buildCharts(input: ReportInput, labels?: Map<string, string>): Partial<Record<ChartName, VlSpec>> {
  const map = labels ?? labelArchs(reportArchs(input));
  const label: Labeler = (a) => map.get(a) ?? archLabel(a);
  const out: Partial<Record<ChartName, VlSpec>> = {};
  const all: Array<[ChartName, VlSpec | undefined]> = [
    ['change', changeSpec(input, label)],
    ['latency-ab', latencyAbSpec(input, label)],
    ['latency-pareto', latencyParetoSpec(input, label)],
    ['correlation', correlationSpec(input)],
    ['proxy-vs-accuracy', proxyVsAccuracySpec(input, label)],
    ['latency-distribution', latencyDistributionSpec(input, label)],
  ];
  for (const [name, spec] of all) if (spec) out[name] = spec;
  return out;
}
