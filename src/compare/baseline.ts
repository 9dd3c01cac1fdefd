// The committed baseline of an experiment (reports/baselines/<name>.json): per-arch scores, per-proxy
// correlations and latency samples with their fingerprint. Stable ordering and one line per arch/row so that
// diffs are readable in review. Older formats are migrated; unreadable files get a message naming the file and field, never a crash.
import { existsSync } from 'node:fs';
import { readJsonFile } from '../io/json.js';
import { describe, InputError } from '../io/input-error.js';
import { FieldChecker } from '../io/fields.js';
import { baselineProblems } from './baseline-check.js';
import type { Fingerprint, LatencyRow, ScoreRow, ScoreStatus } from '../results.js';
import type { CorrelationSummary } from './types.js';

export const BASELINE_FORMAT = 'zsnas-baseline';
export const BASELINE_VERSION = 1;

export interface BaselineLatency extends LatencyRow {
  samples_ms: number[];
}

export interface Baseline {
  format: typeof BASELINE_FORMAT;
  formatVersion: typeof BASELINE_VERSION;
  experiment: string;
  backend: string;
  seed: number;
  versions: Record<string, string>;
  /** arch -> proxy -> value, status and, for gradient proxies, the engine of their gradient passes (absent in
   * baselines written before onnxruntime computed gradients: tfjs). Values as numbers; NaN/Infinity as strings. */
  scores: Record<string, Record<string, BaselineScore>>;
  correlations: CorrelationSummary[];
  /** referenceMedianMs: the fixed reference workload timed in the same rounds (src/latency/reference.ts). */
  latency: { fingerprint: Fingerprint | null; referenceMedianMs?: number; rows: BaselineLatency[] };
}

export interface BaselineScore {
  value: number;
  status: ScoreStatus;
  engine?: string;
}

export type BaselineLoad = { ok: true; baseline: Baseline; migratedFrom?: number } | { ok: false; missing: boolean; message: string };

export function buildBaseline(args: {
  experiment: string; backend: string; seed: number; versions: Record<string, string>;
  scores: ScoreRow[]; correlations: CorrelationSummary[]; fingerprint: Fingerprint | null; latency: BaselineLatency[];
  referenceMedianMs?: number;
}): Baseline {
  const scores: Baseline['scores'] = {};
  for (const r of args.scores) (scores[r.arch] ??= {})[r.proxy] = { value: r.value, status: r.status, ...(r.engine ? { engine: r.engine } : {}) };
  return {
    format: BASELINE_FORMAT, formatVersion: BASELINE_VERSION, experiment: args.experiment, backend: args.backend,
    seed: args.seed, versions: args.versions, scores, correlations: args.correlations,
    latency: { fingerprint: args.fingerprint, ...(args.referenceMedianMs ? { referenceMedianMs: args.referenceMedianMs } : {}), rows: args.latency },
  };
}

/** Pretty JSON with one line per innermost object/array (readable, stable diffs). */
export function serializeBaseline(b: Baseline): string {
  const num = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
  const line = (v: unknown) => JSON.stringify(v, num);
  const archs = Object.keys(b.scores);
  const parts = [
    `  "format": ${line(b.format)},`, `  "formatVersion": ${b.formatVersion},`, `  "experiment": ${line(b.experiment)},`,
    `  "backend": ${line(b.backend)},`, `  "seed": ${b.seed},`, `  "versions": ${line(b.versions)},`,
    `  "scores": {`, archs.map((a) => `    ${line(a)}: ${line(b.scores[a])}`).join(',\n'), `  },`,
    `  "correlations": [`, b.correlations.map((c) => `    ${line(c)}`).join(',\n'), `  ],`,
    `  "latency": {`, `    "fingerprint": ${line(b.latency.fingerprint)},`,
    b.latency.referenceMedianMs ? `    "referenceMedianMs": ${b.latency.referenceMedianMs},` : '', `    "rows": [`,
    b.latency.rows.map((r) => `      ${line(r)}`).join(',\n'), `    ]`, `  }`,
  ];
  return `{\n${parts.filter((p) => p !== '').join('\n')}\n}\n`;
}

function reviveNumbers<T>(v: T): T {
  return JSON.parse(JSON.stringify(v), (_k, x) => (x === 'NaN' || x === 'Infinity' || x === '-Infinity' ? Number(x) : x));
}

/**
 * Reads a baseline; migrates format 0 (a flat `rows` list of ScoreRow, zsnas 0.0.x) to the current one.
 * `missing` is true only when there is no baseline to read (none named, or no file): a first run. Anything else
 * that fails (a folder, bad JSON, a foreign or unknown format, a damaged field) is a broken baseline.
 */
export function loadBaseline(path: string | undefined): BaselineLoad {
  if (!path) return { ok: false, missing: true, message: 'the spec names no baseline (add `baseline: reports/baselines/<name>.json`)' };
  if (!existsSync(path)) return { ok: false, missing: true, message: `no baseline at ${path}: create it with \`zsnas baseline update\` and commit it` };
  const broken = (message: string): BaselineLoad => ({ ok: false, missing: false, message });
  let raw: unknown;
  try {
    raw = readJsonFile(path, 'a zsnas baseline (JSON)');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return broken(`${e.message}; regenerate it with \`zsnas baseline update\``);
  }
  const o = reviveNumbers(raw) as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o)) return broken(`${path}: not a zsnas baseline (expected a JSON object)`);
  if (!('format' in o) && Array.isArray(o.rows)) return migrateV0(o, path);
  if (o.format !== BASELINE_FORMAT) return broken(`${path}: not a zsnas baseline (missing "format": "${BASELINE_FORMAT}")`);
  const version = o.formatVersion;
  if (typeof version === 'number' && Number.isInteger(version) && version > BASELINE_VERSION) {
    return broken(`${path} has format version ${version}, newer than this zsnas understands (${BASELINE_VERSION}); upgrade zsnas`);
  }
  if (version !== BASELINE_VERSION) return broken(`${path}: formatVersion: got ${describe(version)}, expected ${BASELINE_VERSION}`);
  const c = baselineProblems(o, path);
  if (!c.ok) {
    try { c.finish(); } catch (e) { return broken(`baseline is corrupt: ${(e as Error).message}\nregenerate it with \`zsnas baseline update\``); }
  }
  return { ok: true, baseline: o as unknown as Baseline };
}

function migrateV0(o: Record<string, unknown>, path: string): BaselineLoad {
  const c = new FieldChecker(path);
  const rows = o.rows as unknown[];
  rows.forEach((r, i) => {
    const ro = c.object(r, `rows[${i}]`);
    if (!ro) return;
    c.stringField(ro, 'arch', `rows[${i}]`, { nonEmpty: true });
    c.stringField(ro, 'proxy', `rows[${i}]`, { nonEmpty: true });
    c.stringField(ro, 'status', `rows[${i}]`, { oneOf: ['ok', 'nan', 'inf', 'error'] });
    c.numberField(ro, 'value', `rows[${i}]`, { allowNonFinite: ro.status !== 'ok' });
  });
  try { c.finish(); } catch (e) { return { ok: false, missing: false, message: `baseline is corrupt: ${(e as Error).message}` }; }
  return {
    ok: true, migratedFrom: 0,
    baseline: buildBaseline({
      experiment: String(o.experiment ?? ''), backend: String(o.backend ?? 'unknown'), seed: Number(o.seed ?? 0),
      versions: {}, scores: rows as ScoreRow[], correlations: [], fingerprint: null, latency: [],
    }),
  };
}
