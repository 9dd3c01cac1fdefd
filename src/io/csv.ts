// RFC 4180 CSV records: quoted fields may hold commas, doubled quotes and newlines. `readCsvTable` reads a file
// with a required header and reports problems as file:line, column name.
import { InputError } from './input-error.js';
import { readTextFile, type ReadTextOptions } from './json.js';

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

/** Records with the line each starts on; `unterminated` is the line of a quote never closed (0 when none). */
export function parseCsvWithLines(text: string): { records: CsvRecord[]; unterminated: number } {
  const out: CsvRecord[] = [];
  let row: string[] = [], cur = '', quoted = false, line = 1, start = 1, quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') { quoted = true; quoteLine = line; }
    else if (ch === ',') { row.push(cur); cur = ''; }
    else if (ch === '\n') { row.push(cur); out.push({ fields: row, line: start }); row = []; cur = ''; start = line; }
    else if (ch !== '\r') cur += ch;
  }
  if (cur !== '' || row.length) { row.push(cur); out.push({ fields: row, line: start }); }
  return { records: out, unterminated: quoted ? quoteLine : 0 };
}

export function parseCsvRecords(text: string): string[][] {
  return parseCsvWithLines(text).records.map((r) => r.fields);
}

export interface CsvTable {
  header: string[];
  /** Data records (blank lines dropped), each with exactly header.length fields. */
  rows: CsvRecord[];
}

/**
 * A CSV file whose first record must contain `required` columns (extra columns allowed unless `exact`).
 * Rows with the wrong number of fields, and an unterminated quote, are errors naming file:line.
 */
export function parseCsvTable(text: string, file: string, required: readonly string[], opts: { exact?: boolean } = {}): CsvTable {
  const { records, unterminated } = parseCsvWithLines(text);
  if (unterminated) throw new InputError(`${file}:${unterminated}: a quoted field is never closed`);
  const header = records[0]?.fields ?? [];
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length || (opts.exact && header.join(',') !== required.join(','))) {
    throw new InputError(`${file}:1: header ${JSON.stringify(header.join(',').slice(0, 80))}, expected ${opts.exact ? '' : 'columns '}"${required.join(',')}"`);
  }
  const problems: string[] = [];
  const rows: CsvRecord[] = [];
  for (const r of records.slice(1)) {
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    if (r.fields.length !== header.length) problems.push(`${file}:${r.line}: ${r.fields.length} fields, expected ${header.length} (${header.join(',')})`);
    else rows.push(r);
  }
  if (problems.length) throw new InputError(problems);
  return { header, rows };
}

export function readCsvTable(path: string, what: string, required: readonly string[], opts: ReadTextOptions & { exact?: boolean } = {}): CsvTable {
  return parseCsvTable(readTextFile(path, what, opts), path, required, opts);
}
