// DIR/latency-ab.csv: one row per arch and batch measured on both sides, columns LATENCY_AB_HEADER.
// ratio = head/base of the verdict's statistic (the fast parts, see ab-verdict.ts) with its interval; the medians
// are plain medians of the same runs, so head_median_ms / base_median_ms can differ a little from ratio. All of a
// row's figures are on the clock its `clock` column names (docs/ab-latency.md says which and why).
import { parseCsvRecords } from '../io/csv.js';
import { clip, InputError } from '../io/input-error.js';
import { LATENCY_AB_HEADER, type AbClock, type AbVerdict, type LatencyAbRow } from './ab-types.js';

const VERDICTS: readonly AbVerdict[] = ['faster', 'slower', 'same', 'unsure'];
const CLOCKS: readonly AbClock[] = ['cpu', 'wall'];
/** Files from before the `clock` column: the same eight columns, clock unknown. */
const OLD_HEADER = LATENCY_AB_HEADER.slice(0, 8);

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : '');

export function latencyAbCsv(rows: readonly LatencyAbRow[]): string {
  const lines = [LATENCY_AB_HEADER.join(',')];
  for (const r of rows) {
    lines.push([field(r.arch), String(r.batch), num(r.baseMedianMs), num(r.headMedianMs), num(r.ratio), num(r.ciLow), num(r.ciHigh), r.verdict, r.clock ?? ''].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Parses latency-ab.csv; `file` names it in errors (with the line). */
export function parseLatencyAbCsv(text: string, file: string): LatencyAbRow[] {
  const records = parseCsvRecords(text);
  const header = records[0]?.join(',');
  const columns = header === LATENCY_AB_HEADER.join(',') ? LATENCY_AB_HEADER.length : header === OLD_HEADER.join(',') ? OLD_HEADER.length : 0;
  if (!columns) throw new InputError(`${file}:1: header "${clip(header ?? '')}", expected "${LATENCY_AB_HEADER.join(',')}"`);
  return records.slice(1).filter((r) => r.length > 1 || r[0] !== '').map((r, i) => {
    const at = `${file}:${i + 2}`;
    if (r.length !== columns) throw new InputError(`${at}: ${r.length} fields, expected ${columns}`);
    const n = (k: number) => (r[k] === '' ? NaN : Number(r[k]));
    const verdict = r[7] as AbVerdict;
    if (!VERDICTS.includes(verdict)) throw new InputError(`${at}: verdict "${clip(r[7] ?? '')}", expected one of ${VERDICTS.join(', ')}`);
    const clock = r[8] as AbClock | '' | undefined;
    if (clock && !CLOCKS.includes(clock)) throw new InputError(`${at}: clock "${clip(clock)}", expected one of ${CLOCKS.join(', ')}`);
    const batch = Number(r[1]);
    if (!Number.isInteger(batch) || batch < 1) throw new InputError(`${at}: batch "${clip(r[1] ?? '')}", expected a positive integer`);
    return { arch: r[0]!, batch, baseMedianMs: n(2), headMedianMs: n(3), ratio: n(4), ciLow: n(5), ciHigh: n(6), verdict, ...(clock ? { clock } : {}) };
  });
}
