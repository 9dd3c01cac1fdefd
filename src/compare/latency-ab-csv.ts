// DIR/latency-ab.csv: one row per arch and batch measured on both sides, columns LATENCY_AB_HEADER.
// ratio = head/base of the verdict's statistic (the fast parts, see ab-verdict.ts) with its interval; the medians
// are plain medians of the same runs, so head_median_ms / base_median_ms can differ a little from ratio.
import { parseCsvRecords } from '../io/csv.js';
import { LATENCY_AB_HEADER, type AbVerdict, type LatencyAbRow } from './ab-types.js';

const VERDICTS: readonly AbVerdict[] = ['faster', 'slower', 'same', 'unsure'];

const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const num = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : '');

export function latencyAbCsv(rows: readonly LatencyAbRow[]): string {
  const lines = [LATENCY_AB_HEADER.join(',')];
  for (const r of rows) {
    lines.push([field(r.arch), String(r.batch), num(r.baseMedianMs), num(r.headMedianMs), num(r.ratio), num(r.ciLow), num(r.ciHigh), r.verdict].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Parses latency-ab.csv; `file` names it in errors (with the line). */
export function parseLatencyAbCsv(text: string, file: string): LatencyAbRow[] {
  const records = parseCsvRecords(text);
  const header = records[0]?.join(',');
  if (header !== LATENCY_AB_HEADER.join(',')) throw new Error(`${file}:1: header "${header ?? ''}", expected "${LATENCY_AB_HEADER.join(',')}"`);
  return records.slice(1).filter((r) => r.length > 1 || r[0] !== '').map((r, i) => {
    const at = `${file}:${i + 2}`;
    if (r.length !== LATENCY_AB_HEADER.length) throw new Error(`${at}: ${r.length} fields, expected ${LATENCY_AB_HEADER.length}`);
    const n = (k: number) => (r[k] === '' ? NaN : Number(r[k]));
    const verdict = r[7] as AbVerdict;
    if (!VERDICTS.includes(verdict)) throw new Error(`${at}: verdict "${r[7]}", expected one of ${VERDICTS.join(', ')}`);
    const batch = Number(r[1]);
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`${at}: batch "${r[1]}", expected a positive integer`);
    return { arch: r[0]!, batch, baseMedianMs: n(2), headMedianMs: n(3), ratio: n(4), ciLow: n(5), ciHigh: n(6), verdict };
  });
}
