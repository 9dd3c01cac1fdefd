// Charts that answer "what changed": Δ% per arch and metric coloured by verdict, and base vs head latency per arch.
// Sized to read at 800 px (the PNG width in a PR comment) and to fit 1280 px on the site.
import type { ReportInput } from './types.js';
import { CHART_TITLES } from './types.js';
import { abClockWords } from '../compare/ab-types.js';
import { changeRows, magnitude, type ChangeRow, type RowVerdict } from './changes.js';
import { fmtPct } from './format.js';

export type VlSpec = Record<string, unknown>;
export type Labeler = (arch: string) => string;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const BASE_SPEC = { $schema: SCHEMA, background: 'white', config: { font: 'DejaVu Sans, sans-serif', view: { stroke: '#ddd' }, axis: { labelFontSize: 11, titleFontSize: 12 } } };
/** Natural chart width: the PNG is rendered at 800 px, so text stays near its design size. */
export const CHART_WIDTH = 560;
const MAX_ROWS = 30;

/** One colour per verdict, the same in every chart. */
export const VERDICT_COLOURS: Record<string, string> = {
  slower: '#d62728', worse: '#d62728', dropped: '#d62728', regression: '#d62728',
  faster: '#2ca02c', better: '#2ca02c', rose: '#2ca02c', improvement: '#2ca02c',
  same: '#8c8c8c', unchanged: '#8c8c8c', unsure: '#e6a700', incomparable: '#9467bd',
};

/** A colour scale whose legend names only the values present. */
export function colourScale(values: string[], colours: Record<string, string> = VERDICT_COLOURS) {
  const domain = [...new Set(values)];
  return { domain, range: domain.map((v) => colours[v] ?? '#4c78a8') };
}

function rowName(r: ChangeRow, label: Labeler): string {
  const what = r.kind === 'latency' ? (r.batch !== undefined && r.batch !== 1 ? `latency b${r.batch}` : 'latency') : (r.proxy ?? '');
  return `${r.arch === undefined ? 'all' : label(r.arch)} · ${what}`;
}

const CHANGED: RowVerdict[] = ['regression', 'improvement', 'unsure', 'incomparable'];

/** Rows worth drawing: every changed row with a Δ%, then unchanged latency rows (their spread shows the noise), capped. */
function chartRows(rows: ChangeRow[]): ChangeRow[] {
  const withPct = rows.filter((r) => r.deltaPct !== undefined && Number.isFinite(r.deltaPct));
  const changed = withPct.filter((r) => CHANGED.includes(r.verdict));
  const quiet = withPct.filter((r) => r.kind === 'latency' && !CHANGED.includes(r.verdict)).sort((a, b) => magnitude(b) - magnitude(a));
  return [...changed, ...quiet].slice(0, MAX_ROWS);
}

/** Horizontal bars of Δ% (with the 95% CI where known), one per arch × metric, coloured and labelled by verdict. */
export function changeSpec(input: ReportInput, label: Labeler): VlSpec | undefined {
  const rows = chartRows(changeRows(input));
  if (rows.length === 0) return undefined;
  const values = rows.map((r) => ({
    row: rowName(r, label), delta: r.deltaPct!, lo: r.deltaPctCi?.[0] ?? r.deltaPct!, hi: r.deltaPctCi?.[1] ?? r.deltaPct!,
    verdict: r.word, text: `${fmtPct(r.deltaPct)} ${r.word}`,
  }));
  const extreme = Math.max(...values.map((v) => Math.max(Math.abs(v.lo), Math.abs(v.hi))));
  // A score that moved 5000% would flatten every latency bar: past ±200% the axis turns symmetric-log.
  const room = Math.max(5, extreme * 1.6);
  const scale = extreme > 200 ? { type: 'symlog', constant: 10 } : { domain: [-room, room] };
  const order = values.map((v) => v.row);
  const y = { field: 'row', type: 'nominal', title: null, sort: order, axis: { labelLimit: 240, labelFontSize: 11 } };
  const x = { field: 'delta', type: 'quantitative', title: 'Δ% head vs base', scale, axis: { format: '+~r' } };
  const quiet = rows.length - rows.filter((r) => CHANGED.includes(r.verdict)).length;
  return {
    ...BASE_SPEC,
    title: { text: CHART_TITLES.change, subtitle: `${rows.length - quiet} changed${quiet ? `, ${quiet} unchanged latency rows for scale` : ''}; bars: Δ%, whiskers: 95% CI` },
    width: CHART_WIDTH - 150,
    height: { step: 20 },
    data: { values },
    encoding: { y },
    layer: [
      { mark: { type: 'rule', color: '#444' }, encoding: { x: { datum: 0, type: 'quantitative', scale } } },
      { mark: { type: 'bar', height: 12 }, encoding: { x, color: { field: 'verdict', type: 'nominal', title: 'verdict', scale: colourScale(values.map((v) => v.verdict)), legend: { orient: 'top' } } } },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'lo', type: 'quantitative', scale }, x2: { field: 'hi' } } },
      // Labels outside the bar and its whisker: right of a rise, left of a fall.
      { transform: [{ filter: 'datum.delta >= 0' }], mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 }, encoding: { x: { field: 'hi', type: 'quantitative', scale }, text: { field: 'text' } } },
      { transform: [{ filter: 'datum.delta < 0' }], mark: { type: 'text', align: 'right', dx: -4, fontSize: 11 }, encoding: { x: { field: 'lo', type: 'quantitative', scale }, text: { field: 'text' } } },
    ],
  };
}

interface Pair {
  label: string;
  base: number;
  head: number;
  verdict: string;
  magnitude: number;
  changed: boolean;
}

function latencyPairs(input: ReportInput, label: Labeler): Pair[] {
  return changeRows(input)
    .filter((r) => r.kind === 'latency' && r.arch !== undefined && r.base !== undefined && r.head !== undefined && r.base > 0 && r.head > 0)
    .map((r) => ({
      label: r.batch !== undefined && r.batch !== 1 ? `${label(r.arch!)} (b${r.batch})` : label(r.arch!),
      base: r.base!, head: r.head!, verdict: r.word, magnitude: magnitude(r), changed: CHANGED.includes(r.verdict),
    }));
}

/** Dumbbells: base and head median latency per arch on a log axis (an outlier cannot squeeze the rest), changed first. */
export function latencyAbSpec(input: ReportInput, label: Labeler): VlSpec | undefined {
  const pairs = latencyPairs(input, label).sort((a, b) => Number(b.changed) - Number(a.changed) || b.magnitude - a.magnitude);
  if (pairs.length === 0) return undefined;
  const shown = pairs.slice(0, MAX_ROWS);
  const order = shown.map((p) => p.label);
  const points = shown.flatMap((p) => [
    { arch: p.label, ms: p.base, series: 'base' },
    { arch: p.label, ms: p.head, series: `head: ${p.verdict}` },
  ]);
  const series = colourScale(points.map((p) => p.series), { base: '#9a9a9a', ...Object.fromEntries(Object.entries(VERDICT_COLOURS).map(([k, v]) => [`head: ${k}`, v])) });
  const y = { field: 'arch', type: 'nominal', title: null, sort: order, axis: { labelLimit: 220 } };
  const x = { field: 'ms', type: 'quantitative', title: 'median latency (ms, log scale)', scale: { type: 'log', nice: false, padding: 14 } };
  const ab = input.latencyAb ?? [];
  const clock = ab.length ? ` (${abClockWords(ab[0]!.clock)})` : '';
  return {
    ...BASE_SPEC,
    title: { text: CHART_TITLES['latency-ab'], subtitle: `${ab.length ? `measured side by side in this job${clock}` : 'head vs the committed baseline'}; ${shown.length < pairs.length ? `${shown.length} of ${pairs.length} archs, changed first` : `${pairs.length} archs`}` },
    width: CHART_WIDTH,
    height: { step: 20 },
    layer: [
      { data: { values: shown.map((p) => ({ arch: p.label, lo: Math.min(p.base, p.head), hi: Math.max(p.base, p.head) })) },
        mark: { type: 'rule', color: '#bbb', strokeWidth: 3 }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
      { data: { values: points }, mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: { y, x, color: { field: 'series', type: 'nominal', title: null, scale: series, legend: { orient: 'top' } },
          shape: { field: 'series', type: 'nominal', scale: { domain: series.domain, range: series.domain.map((s) => (s === 'base' ? 'circle' : 'diamond')) }, title: null, legend: { orient: 'top' } },
          tooltip: [{ field: 'arch' }, { field: 'series' }, { field: 'ms', format: '.3f' }] } },
    ],
  };
}
