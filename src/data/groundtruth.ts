// Ground-truth tables: nb201/nb201_accuracy.csv (index, arch, accuracies) and nb201/nb201_hw_nas_bench.csv
// (index, hardware costs). Tables are held column-oriented: a column whose every cell is a number (or empty, read
// as NaN) becomes a Float64Array, any other column a string[]. Loaded tables are memoised per path (and mtime).
// The reader is plain CSV: a header row, comma-separated fields, double-quoted fields allowed, no newlines inside
// quotes (none of our tables have them).
import { parseCsvRecords } from '../io/csv.js';
import { readFileSync, statSync } from 'node:fs';
import { didYouMean } from '../spec/suggest.js';

export interface Table {
  path: string;
  columns: string[];
  rowCount: number;
  /** Column name -> values in row order. Shared by every caller (tables are memoised): do not mutate. */
  data: Map<string, Float64Array | string[]>;
}

const memo = new Map<string, { stamp: string; table: Table }>();

const split = (line: string): string[] => (line.includes('"') ? parseCsvRecords(line)[0] ?? [''] : line.split(','));

export function loadTable(path: string): Table {
  const st = statSync(path);
  const stamp = `${st.mtimeMs}:${st.size}`;
  const hit = memo.get(path);
  if (hit && hit.stamp === stamp) return hit.table;

  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new Error(`${path}: empty CSV file (no header row)`);
  const columns = split(lines[0].replace(/^\uFEFF/, ''));
  const cells: string[][] = columns.map(() => new Array<string>(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const f = split(lines[r]);
    if (f.length !== columns.length) throw new Error(`${path}:${r + 1}: expected ${columns.length} fields, got ${f.length}`);
    for (let c = 0; c < f.length; c++) cells[c][r - 1] = f[c];
  }
  const data = new Map<string, Float64Array | string[]>();
  columns.forEach((name, c) => data.set(name, asNumbers(cells[c]) ?? cells[c]));
  const table: Table = { path, columns, rowCount: lines.length - 1, data };
  memo.set(path, { stamp, table });
  return table;
}

/** The column as numbers, or null when some cell is not a number. Empty cells and "nan" read as NaN. */
function asNumbers(col: string[]): Float64Array | null {
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const s = col[i].trim();
    const v = s === '' ? NaN : Number(s);
    if (Number.isNaN(v) && s !== '' && s.toLowerCase() !== 'nan') return null;
    out[i] = v;
  }
  return out;
}

export function column(t: Table, name: string): Float64Array | string[] {
  const col = t.data.get(name);
  if (col === undefined) {
    throw new Error(`${t.path}: no column "${name}"; available columns: ${t.columns.join(', ')}${didYouMean(name, t.columns)}`);
  }
  return col;
}

export function numericColumn(t: Table, name: string): Float64Array {
  const col = column(t, name);
  if (col instanceof Float64Array) return col;
  const bad = col.findIndex((s) => s.trim() !== '' && Number.isNaN(Number(s)));
  throw new Error(`${t.path}: column "${name}" is not numeric (row ${bad + 2}: ${JSON.stringify(col[bad])})`);
}

export function textColumn(t: Table, name: string): string[] {
  const col = column(t, name);
  return col instanceof Float64Array ? Array.from(col, String) : col;
}

/** Values of `name` placed at their row's NB201 `index` (array position = index); gaps are NaN. */
function byIndex(t: Table, name: string): Float64Array {
  const idx = numericColumn(t, 'index');
  const vals = numericColumn(t, name);
  let max = -1;
  for (const i of idx) {
    if (!Number.isInteger(i) || i < 0) throw new Error(`${t.path}: bad index value ${i}`);
    if (i > max) max = i;
  }
  const out = new Float64Array(max + 1).fill(NaN);
  for (let r = 0; r < idx.length; r++) out[idx[r]] = vals[r];
  return out;
}

/** Accuracy (in %) per arch string, from nb201_accuracy.csv. */
export function accuracyByArch(path: string, columnName: string): Map<string, number> {
  const t = loadTable(path);
  const vals = numericColumn(t, columnName);
  const archs = textColumn(t, 'arch');
  const out = new Map<string, number>();
  for (let r = 0; r < t.rowCount; r++) out.set(archs[r], vals[r]);
  return out;
}

/** Accuracy (in %) at position = NB201 index, from nb201_accuracy.csv. */
export function accuracyByIndex(path: string, columnName: string): Float64Array {
  return byIndex(loadTable(path), columnName);
}

/** Arch string at position = NB201 index. */
export function archByIndex(path: string): string[] {
  const t = loadTable(path);
  const idx = numericColumn(t, 'index');
  const archs = textColumn(t, 'arch');
  const out: string[] = [];
  for (let r = 0; r < t.rowCount; r++) out[idx[r]] = archs[r];
  return out;
}

export function indexByArch(path: string): Map<string, number> {
  const t = loadTable(path);
  const idx = numericColumn(t, 'index');
  const archs = textColumn(t, 'arch');
  return new Map(archs.map((a, r) => [a, idx[r]]));
}

/**
 * A hardware cost (ms or mJ) at position = NB201 index, from nb201_hw_nas_bench.csv. HW-NAS-Bench marks
 * unmeasured EdgeTPU latencies with -1: those read as NaN.
 */
export function costByIndex(path: string, columnName: string): Float64Array {
  const out = byIndex(loadTable(path), columnName);
  if (columnName.endsWith('edgetpu_latency')) {
    for (let i = 0; i < out.length; i++) if (out[i] === -1) out[i] = NaN;
  }
  return out;
}
