// One row per compared thing (a score of an arch, a proxy's correlation, an arch's latency, an arch's presence), with
// one change measure: Δ% for latency and scores, Δρ for correlations. Latency comes from the side-by-side (A/B)
// measurement when the run has one; the committed baseline's latency items are then left out.
import type { ComparisonItem, Verdict } from '../compare/types.js';
import { abClockWords, type LatencyAbRow } from '../compare/ab-types.js';
import type { ReportInput } from './types.js';

/** The comparison's verdicts plus the A/B rule's "could not tell within the time budget". */
export type RowVerdict = Verdict | 'unsure';
export const ROW_VERDICTS: RowVerdict[] = ['regression', 'improvement', 'unsure', 'removed', 'added', 'incomparable', 'unchanged'];

export interface ChangeRow {
  kind: ComparisonItem['kind'];
  /** Arch key (score, latency, arch rows); undefined for a proxy's correlation. */
  arch?: string;
  /** Proxy of a score or correlation row. */
  proxy?: string;
  /** Latency rows: batch size. Correlation rows: 'spearman' or 'kendall'. */
  batch?: number;
  coefficient?: string;
  base?: number;
  head?: number;
  /** Shown after base and head: 'ms', a proxy's unit, or ''. */
  unit: string;
  /** (head/base − 1)·100 for latency and scores; absent when base is 0 or a side is missing. */
  deltaPct?: number;
  /** 95% CI of deltaPct (latency from the A/B ratio's CI). */
  deltaPctCi?: [number, number];
  /** head − base, for correlations. */
  deltaAbs?: number;
  verdict: RowVerdict;
  /** The verdict in words for this kind of row: slower/faster/same, worse/better, dropped/rose, … */
  word: string;
  /** Test, p, n and the rule, for the statistics footnote (run-derived: escape when rendering). */
  stats: string;
  /** Score rows whose status changed (ok → nan …). */
  statusChange?: string;
}

/** Units of proxies that count something; other proxies are unitless scores. */
const PROXY_UNITS: Record<string, string> = { params: 'params', flops: 'FLOPs' };
export function proxyUnit(proxy: string): string {
  return PROXY_UNITS[proxy] ?? '';
}

const WORDS: Record<ComparisonItem['kind'], Partial<Record<RowVerdict, string>>> = {
  latency: { regression: 'slower', improvement: 'faster', unchanged: 'same', unsure: 'unsure' },
  score: { regression: 'worse', improvement: 'better', unchanged: 'same' },
  correlation: { regression: 'dropped', improvement: 'rose', unchanged: 'same' },
  arch: {},
};
function word(kind: ComparisonItem['kind'], v: RowVerdict): string {
  return WORDS[kind][v] ?? v;
}

function pct(base: number | undefined, head: number | undefined): number | undefined {
  if (base === undefined || head === undefined || !Number.isFinite(base) || !Number.isFinite(head) || base === 0) return undefined;
  return (head / base - 1) * 100;
}

function fromItem(item: ComparisonItem): ChangeRow {
  const common = { base: item.baseline, head: item.current, verdict: item.verdict as RowVerdict, word: word(item.kind, item.verdict), stats: item.detail };
  switch (item.kind) {
    case 'latency': {
      const batch = Number(/batch=(\d+)/.exec(item.metric)?.[1] ?? 1);
      return { ...common, kind: 'latency', arch: item.key, batch, unit: 'ms', deltaPct: pct(item.baseline, item.current) };
    }
    case 'score': {
      const status = /^status (\w+) -> (\w+)$/.exec(item.detail);
      return { ...common, kind: 'score', arch: item.metric, proxy: item.key, unit: proxyUnit(item.key), deltaPct: status ? undefined : pct(item.baseline, item.current),
        statusChange: status ? `${status[1]} → ${status[2]}` : undefined };
    }
    case 'correlation':
      return { ...common, kind: 'correlation', proxy: item.key, coefficient: item.metric, unit: '',
        deltaAbs: item.baseline !== undefined && item.current !== undefined ? item.current - item.baseline : undefined };
    case 'arch':
      return { ...common, kind: 'arch', arch: item.key, unit: '', word: item.verdict };
  }
}

const AB_VERDICT: Record<LatencyAbRow['verdict'], RowVerdict> = { slower: 'regression', faster: 'improvement', same: 'unchanged', unsure: 'unsure' };

function fromAb(r: LatencyAbRow): ChangeRow {
  const ok = Number.isFinite(r.ratio);
  return {
    kind: 'latency', arch: r.arch, batch: r.batch, base: r.baseMedianMs, head: r.headMedianMs, unit: 'ms',
    deltaPct: ok ? (r.ratio - 1) * 100 : undefined,
    deltaPctCi: Number.isFinite(r.ciLow) && Number.isFinite(r.ciHigh) ? [(r.ciLow - 1) * 100, (r.ciHigh - 1) * 100] : undefined,
    verdict: AB_VERDICT[r.verdict], word: r.verdict,
    stats: `ratio head/base ${ok ? r.ratio.toFixed(3) : 'NaN'}, 95% CI [${r.ciLow.toFixed(3)}, ${r.ciHigh.toFixed(3)}]; base and head measured interleaved in the same rounds, ${abClockWords(r.clock)}`,
  };
}

/** |Δ| on a common footing to rank changes: Δ% for latency and scores, 100·Δρ for correlations. */
export function magnitude(r: ChangeRow): number {
  if (r.deltaPct !== undefined) return Math.abs(r.deltaPct);
  if (r.deltaAbs !== undefined) return Math.abs(r.deltaAbs) * 100;
  return r.statusChange ? Infinity : 0;
}

/** All rows of the report: verdict order first (regressions first), then the largest change first. */
export function changeRows(input: ReportInput): ChangeRow[] {
  const ab = input.latencyAb ?? [];
  const items = (input.comparison?.items ?? []).filter((i) => !(ab.length > 0 && i.kind === 'latency'));
  const rows = [...items.map(fromItem), ...ab.map(fromAb)];
  return rows.sort((a, b) => ROW_VERDICTS.indexOf(a.verdict) - ROW_VERDICTS.indexOf(b.verdict) || magnitude(b) - magnitude(a));
}

export function rowCounts(rows: ChangeRow[]): Record<RowVerdict, number> {
  const c = Object.fromEntries(ROW_VERDICTS.map((v) => [v, 0])) as Record<RowVerdict, number>;
  for (const r of rows) c[r.verdict]++;
  return c;
}

/**
 * Verdict counts of the whole report, latency from the A/B rows when present. The action should fail the job on
 * `regression` from here (it includes A/B "slower" rows), not on comparison.counts alone.
 */
export function reportCounts(input: ReportInput): Record<RowVerdict, number> {
  return rowCounts(changeRows(input));
}
