// Number and cell formatting shared by the Markdown tables: significant digits, explicit non-finite statuses.
import type { ScoreRow } from '../results.js';
import type { ComparisonItem, Verdict } from '../compare/types.js';

/** A number with `sig` significant digits; exponent form for very large/small magnitudes; NaN/∞ spelled out. */
export function fmtNum(x: number | undefined, sig = 4): string {
  if (x === undefined) return '–';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(sig - 1).replace(/\.?0+e/, 'e');
  if (a >= 10 ** sig) return Math.round(x).toString();
  return String(Number(x.toPrecision(sig)));
}

export function fmtSigned(x: number | undefined, sig = 3): string {
  if (x === undefined) return '–';
  const s = fmtNum(x, sig);
  return x > 0 && Number.isFinite(x) ? `+${s}` : s;
}

/** A proxy score cell: the value when ok, else the status (never a misleading number). */
export function fmtScore(row: ScoreRow | undefined): string {
  if (!row) return '–';
  switch (row.status) {
    case 'ok':
      return fmtNum(row.value);
    case 'nan':
      return '⚠️ NaN';
    case 'inf':
      return '⚠️ inf';
    case 'unstable':
      return `⚠️ unstable (≈${fmtNum(row.value)})`;
    case 'error':
      return `⚠️ error${row.error ? `: ${truncateText(row.error, 60)}` : ''}`;
  }
}

/** The change of one comparison item: latency deltas are ratios (head/base), everything else differences. */
export function fmtChange(item: ComparisonItem): string {
  if (item.delta === undefined) return '–';
  if (item.kind === 'latency') return `×${fmtNum(item.delta, 4)}`;
  return fmtSigned(item.delta);
}

export const VERDICT_ICON: Record<Verdict, string> = {
  regression: '❌',
  improvement: '✅',
  unchanged: '⚪',
  added: '➕',
  removed: '➖',
  incomparable: '⚠️',
};

/** Makes text safe inside a GFM table cell (pipes split cells, newlines end rows). Run-derived text: use escape.ts. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

const MINUS = '\u2212';
/** A signed percentage with a true minus sign: "+32%", "−4.1%", "0%"; 2 significant digits below 10%, else whole. */
export function fmtPct(x: number | undefined, withSign = true): string {
  if (x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '+∞%' : `${MINUS}∞%`;
  const a = Math.abs(x);
  const body = a >= 9.95 ? Math.round(a).toString() : a >= 0.095 ? a.toFixed(1).replace(/\.0$/, '') : a === 0 ? '0' : a.toPrecision(1);
  if (body === '0') return '0%';
  return `${withSign ? (x > 0 ? '+' : MINUS) : ''}${body}%`;
}

/** A confidence interval of a percentage: "+25…+40". */
export function fmtPctRange(ci: [number, number]): string {
  return `${fmtPct(ci[0]).replace('%', '')}…${fmtPct(ci[1]).replace('%', '')}`;
}

const SI: Array<[number, string]> = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
/** Large magnitudes with an SI prefix ("270.7k", "39.37M"), beyond 10^15 in exponent form; else fmtNum. */
export function fmtCompact(x: number | undefined, sig = 4): string {
  if (x === undefined || !Number.isFinite(x)) return fmtNum(x, sig);
  const a = Math.abs(x);
  if (a < 1e4 || a >= 1e15) return fmtNum(x, sig);
  const [div, prefix] = SI.find(([d]) => a >= d)!;
  return `${fmtNum(x / div, sig).replace('-', '−')}${prefix}`;
}

/** A value with its unit: "10.1 ms", "281.8k params", "0.812". */
export function fmtValue(x: number | undefined, unit: string, sig = 4): string {
  const n = fmtCompact(x, sig);
  return unit && x !== undefined && Number.isFinite(x) ? `${n} ${unit}` : n;
}

export function truncateText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
