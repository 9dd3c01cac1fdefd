// Reads a results directory written by `zsnas run` (scores.csv, latency.json, run.json), with clear errors.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunManifest, ScoreRow } from '../results.js';
import type { LatencyJson } from '../latency/csv.js';
import type { BaselineLatency } from '../compare/baseline.js';
import { parseScoresCsv } from './scores-csv.js';

export interface RunResults {
  dir: string;
  manifest: RunManifest;
  scores: ScoreRow[];
  latency: LatencyJson | null;
}

export function readResults(dir: string): RunResults {
  const need = (f: string) => {
    const p = join(dir, f);
    if (!existsSync(p)) throw new Error(`${p} not found: is ${dir} the output of \`zsnas run\`?`);
    return readFileSync(p, 'utf8');
  };
  const manifest = JSON.parse(need('run.json')) as RunManifest;
  const scores = parseScoresCsv(need('scores.csv'), join(dir, 'scores.csv'));
  const latPath = join(dir, 'latency.json');
  const latency = existsSync(latPath)
    ? (JSON.parse(readFileSync(latPath, 'utf8'), (_k, v) => (v === null ? NaN : v)) as LatencyJson)
    : null;
  return { dir, manifest, scores, latency };
}

/** Median of the reference workload's samples in a run (undefined when not measured). */
export function referenceMedian(lat: LatencyJson | null): number | undefined {
  const s = lat?.reference?.samples_ms;
  if (!s?.length) return undefined;
  const sorted = [...s].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Latency rows joined with their raw samples (what the baseline stores and the verdict needs). */
export function latencyWithSamples(lat: LatencyJson | null): BaselineLatency[] {
  if (!lat) return [];
  return lat.rows.map((r) => ({
    ...r,
    samples_ms: lat.samples.find((s) => s.arch === r.arch && s.batch === r.batch)?.samples_ms ?? [],
  }));
}
