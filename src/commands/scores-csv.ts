// scores.csv: `arch,proxy,value,status,seconds`, one row per arch x proxy, and its reader. Error messages go to
// run.json (`errors`), keeping the CSV to the five documented columns.
import type { ScoreRow, ScoreStatus } from '../results.js';
import { parseCsvRecords } from '../io/csv.js';

export const SCORES_HEADER = 'arch,proxy,value,status,seconds';

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const STATUSES: ScoreStatus[] = ['ok', 'nan', 'inf', 'unstable', 'error'];

export function scoresCsv(rows: readonly ScoreRow[]): string {
  const lines = rows.map((r) =>
    [field(r.arch), field(r.proxy), Number.isFinite(r.value) ? String(r.value) : String(r.value), r.status,
      r.seconds.toFixed(4)].join(','));
  return [SCORES_HEADER, ...lines].join('\n') + '\n';
}

/** Parses scores.csv (RFC 4180 quoting). Throws with the line number on a malformed row. */
export function parseScoresCsv(text: string, file = 'scores.csv'): ScoreRow[] {
  const rows: ScoreRow[] = [];
  const lines = parseCsvRecords(text);
  if (lines[0]?.join(',') !== SCORES_HEADER) throw new Error(`${file}: expected header "${SCORES_HEADER}"`);
  lines.slice(1).forEach((cols, i) => {
    if (cols.length === 1 && cols[0] === '') return;
    if (cols.length !== 5) throw new Error(`${file}:${i + 2}: expected 5 fields, got ${cols.length}`);
    const [arch, proxy, value, status, seconds] = cols;
    if (!STATUSES.includes(status as ScoreStatus)) throw new Error(`${file}:${i + 2}: status "${status}", expected one of ${STATUSES.join(', ')}`);
    rows.push({ arch, proxy, value: Number(value), status: status as ScoreStatus, seconds: Number(seconds) });
  });
  return rows;
}
