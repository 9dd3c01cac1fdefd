// latency.csv (one row per arch and batch) and its JSON sibling with the raw samples and the fingerprint,
// both written atomically: an interrupted run never leaves a half-written file behind.

import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';
import type { Fingerprint, LatencyRow } from '../results.js';

/** The first eight columns are the stable contract; the rest were appended after them. */
export const LATENCY_CSV_COLUMNS = [
  'arch', 'batch', 'median_ms', 'p25_ms', 'p75_ms', 'min_ms', 'cv', 'n', 'ci_low_ms', 'ci_high_ms', 'normalized',
] as const satisfies ReadonlyArray<keyof LatencyRow>;

export const LATENCY_CSV_HEADER = LATENCY_CSV_COLUMNS.join(',');

export interface LatencyRawSamples {
  arch: string;
  batch: number;
  samples_ms: number[];
}

export interface LatencyJson {
  formatVersion: 1;
  fingerprint: Fingerprint;
  /** Raw samples of the reference workload (reference.ts) from the same rounds, with its version. */
  reference?: { version: number; samples_ms: number[] };
  rows: LatencyRow[];
  samples: LatencyRawSamples[];
}

/** RFC 4180 quoting, only where needed (arch strings may hold commas in user spaces). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Six significant digits (sub-microsecond on ms values); NaN as an empty field. */
function csvNumber(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(6)));
}

export function latencyCsv(rows: readonly LatencyRow[]): string {
  const lines = [LATENCY_CSV_HEADER];
  for (const row of rows) {
    lines.push(LATENCY_CSV_COLUMNS.map((col) => {
      const v = row[col];
      return typeof v === 'string' ? csvField(v) : col === 'batch' || col === 'n' ? String(v) : csvNumber(v);
    }).join(','));
  }
  return lines.join('\n') + '\n';
}

/** Writes `<dir>/latency.csv` and `<dir>/latency.json`; returns their paths. */
export async function writeLatencyResults(
  dir: string,
  data: Omit<LatencyJson, 'formatVersion'>,
): Promise<{ csvPath: string; jsonPath: string }> {
  const csvPath = join(dir, 'latency.csv');
  const jsonPath = join(dir, 'latency.json');
  const json: LatencyJson = { formatVersion: 1, ...data };
  // NaN (e.g. normalized without a reference) is not JSON: write null instead of the string "NaN".
  await writeFileAtomic(jsonPath, JSON.stringify(json, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n');
  await writeFileAtomic(csvPath, latencyCsv(data.rows));
  return { csvPath, jsonPath };
}
