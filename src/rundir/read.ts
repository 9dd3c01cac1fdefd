// Reads a results directory written by `zsnas run` (run.json, scores.csv, latency.json) through one validating
// reader: each file is checked field by field, then the files are checked against each other (the archs and
// proxies of run.json are exactly the rows of scores.csv), so a damaged or doctored folder is refused by name.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunManifest, ScoreRow } from '../results.js';
import type { LatencyJson } from '../latency/csv.js';
import type { BaselineLatency } from '../compare/baseline.js';
import { readTextFile } from '../io/json.js';
import { clip, InputError } from '../io/input-error.js';
import { parseScoresCsv } from './scores-csv.js';
import { manifestProxyNames, parseManifest } from './manifest.js';
import { parseLatencyJson } from './latency-json.js';

export interface RunResults {
  dir: string;
  manifest: RunManifest;
  scores: ScoreRow[];
  latency: LatencyJson | null;
}

/** Checks that scores.csv holds exactly one row per run.json arch x proxy, and latency only run.json's archs. */
function crossCheck(r: RunResults): void {
  const problems: string[] = [];
  const csv = join(r.dir, 'scores.csv');
  const archs = new Set(r.manifest.archs);
  const proxies = manifestProxyNames(r.manifest);
  const have = new Set(r.scores.map((s) => `${s.arch}\u0000${s.proxy}`));
  const extraArchs = [...new Set(r.scores.map((s) => s.arch))].filter((a) => !archs.has(a));
  for (const a of extraArchs) problems.push(`${csv}: arch "${clip(a)}" has rows, but run.json archs does not list it`);
  const extraProxies = [...new Set(r.scores.map((s) => s.proxy))].filter((p) => !proxies.includes(p));
  for (const p of extraProxies) problems.push(`${csv}: proxy "${clip(p)}" has rows, but run.json names proxies ${clip(proxies.join(', '), 160) || '(none)'}`);
  for (const a of r.manifest.archs) {
    for (const p of proxies) if (!have.has(`${a}\u0000${p}`)) problems.push(`${csv}: no row for arch "${clip(a)}", proxy "${clip(p)}", which run.json lists`);
  }
  if (r.latency) {
    const lat = join(r.dir, 'latency.json');
    for (const row of r.latency.rows) if (!archs.has(row.arch)) problems.push(`${lat}: rows: arch "${clip(row.arch)}" is not in run.json archs`);
  }
  if (problems.length) throw new InputError(problems);
}

export function readResults(dir: string): RunResults {
  let isDir = false;
  try { isDir = statSync(dir).isDirectory(); } catch { /* reported below */ }
  if (!isDir) throw new InputError(`${dir}: ${existsSync(dir) ? 'not a folder' : 'not found'}, expected the output folder of \`zsnas run\``);
  const need = (f: string) => {
    const p = join(dir, f);
    if (!existsSync(p)) throw new InputError(`${p}: not found: is ${dir} the output of \`zsnas run\`?`);
    return readTextFile(p, `the ${f} of \`zsnas run\``);
  };
  const manifest = parseManifest(need('run.json'), join(dir, 'run.json'));
  // scores.csv keeps its five columns; each gradient proxy's engine comes from run.json. Over one run an arch's
  // engine follows from its ops (and onnxruntime loading), so the per-proxy record is the rows' engine.
  const engines = manifest.gradEngines ?? {};
  const scores = parseScoresCsv(need('scores.csv'), join(dir, 'scores.csv'))
    .map((r) => (engines[r.proxy] ? { ...r, engine: engines[r.proxy]!.engine } : r));
  const latPath = join(dir, 'latency.json');
  const latency = existsSync(latPath) ? parseLatencyJson(readTextFile(latPath, 'the latency.json of `zsnas run`'), latPath) : null;
  const res = { dir, manifest, scores, latency };
  crossCheck(res);
  return res;
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
