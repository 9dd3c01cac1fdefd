// scores.csv: `arch,proxy,value,status,seconds`, one row per arch x proxy, and its validating reader. Error messages
// go to run.json (`errors`), keeping the CSV to the five documented columns.
import type { ScoreRow, ScoreStatus } from '../results.js';
import { parseCsvTable } from '../io/csv.js';
import { clip, InputError } from '../io/input-error.js';

export const SCORES_HEADER = 'arch,proxy,value,status,seconds';
const COLUMNS = SCORES_HEADER.split(',');

function field(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const SCORE_STATUSES: readonly ScoreStatus[] = ['ok', 'nan', 'inf', 'unstable', 'error'];

export function scoresCsv(rows: readonly ScoreRow[]): string {
  const lines = rows.map((r) => [field(r.arch), field(r.proxy), String(r.value), r.status, r.seconds.toFixed(4)].join(','));
  return [SCORES_HEADER, ...lines].join('\n') + '\n';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A CSV number as the writer writes it (NaN and ±Infinity spelled out); undefined for anything else. */
function csvNumber(s: string): number | undefined {
  if (s === 'NaN') return NaN;
  if (s === 'Infinity') return Infinity;
  if (s === '-Infinity') return -Infinity;
  return NUMBER.test(s) ? Number(s) : undefined;
}

/** What `value` must be for each status (an ok score is a finite number; nan/inf rows carry what they say). */
function valueFits(status: ScoreStatus, v: number): boolean {
  switch (status) {
    case 'ok': case 'unstable': return Number.isFinite(v);
    case 'nan': return Number.isNaN(v);
    case 'inf': return v === Infinity || v === -Infinity;
    default: return true;
  }
}
const VALUE_EXPECTED: Record<ScoreStatus, string> = {
  ok: 'a finite number (status ok)', unstable: 'a finite number (status unstable)', nan: 'NaN (status nan)', inf: 'Infinity or -Infinity (status inf)', error: 'a number or NaN',
};

/**
 * Parses scores.csv: exact header, five fields per row, a known status, a value that fits the status, seconds a
 * finite number >= 0, and no (arch, proxy) pair twice. Every problem is reported as file:line: column.
 */
export function parseScoresCsv(text: string, file = 'scores.csv'): ScoreRow[] {
  const table = parseCsvTable(text, file, COLUMNS, { exact: true });
  const rows: ScoreRow[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of table.rows) {
    const [arch, proxy, valueText, status, secondsText] = fields;
    const at = (col: string, given: string, expected: string) => problems.push(`${file}:${line}: ${col}: got "${clip(given)}", expected ${expected}`);
    if (arch === '') at('arch', arch, 'an arch');
    if (proxy === '') at('proxy', proxy, 'a proxy name');
    if (!SCORE_STATUSES.includes(status as ScoreStatus)) { at('status', status, `one of ${SCORE_STATUSES.join(', ')}`); continue; }
    const value = csvNumber(valueText);
    if (value === undefined || !valueFits(status as ScoreStatus, value)) at('value', valueText, VALUE_EXPECTED[status as ScoreStatus]);
    const seconds = csvNumber(secondsText);
    if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) at('seconds', secondsText, 'a finite number >= 0');
    const key = `${arch}\u0000${proxy}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${file}:${line}: arch "${clip(arch)}", proxy "${clip(proxy)}" already on line ${first} (one row per arch and proxy)`);
    else seen.set(key, line);
    rows.push({ arch, proxy, value: value ?? NaN, status: status as ScoreStatus, seconds: seconds ?? 0 });
  }
  if (problems.length) throw new InputError(problems);
  return rows;
}
