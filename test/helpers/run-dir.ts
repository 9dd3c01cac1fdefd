// A valid `zsnas run` output folder written with the real writers, for tests that damage one file at a time.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunManifest, ScoreRow } from '../../src/results.js';
import { toJson } from '../../src/io/atomic.js';
import { scoresCsv } from '../../src/rundir/scores-csv.js';

export const PROXIES = ['params', 'grad_norm'];

export function runManifest(archs: string[], over: Partial<RunManifest> = {}): RunManifest {
  return {
    formatVersion: 1, name: 'fixture', spec: { name: 'fixture', proxies: PROXIES.map((name) => ({ name })), data: { batch_size: 4 } },
    backend: 'wasm', versions: { zsnas: '0.1.0' },
    fingerprint: { cpuModel: 'X', cores: 2, memoryGiB: 4, os: 'linux', node: 'v20', tfjs: '4.22.0', backend: 'wasm', threads: 1 },
    seed: 0, startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:10Z',
    timings: { totalSeconds: 10, perProxySeconds: { params: 1, grad_norm: 9 } },
    archs, proxies: PROXIES.map((name) => ({ name, direction: 1 as const })), errors: [], ...over,
  };
}

export function scoreRows(archs: string[]): ScoreRow[] {
  return archs.flatMap((arch, i) => PROXIES.map((proxy, k) => ({ arch, proxy, value: 10 * i + k + 0.5, status: 'ok' as const, seconds: 0.01 })));
}

/** Writes run.json, scores.csv and latency.json for `archs` into a new folder (or `dir`); returns the folder. */
export function writeRunDir(archs: string[], opts: { dir?: string; manifest?: Partial<RunManifest>; rows?: ScoreRow[] } = {}): string {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'zsnas-rundir-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), toJson(runManifest(archs, opts.manifest)));
  writeFileSync(join(dir, 'scores.csv'), scoresCsv(opts.rows ?? scoreRows(archs)));
  const rows = archs.map((arch) => ({ arch, batch: 1, median_ms: 2, p25_ms: 1.9, p75_ms: 2.1, min_ms: 1.8, cv: 0.05, n: 3, ci_low_ms: 1.9, ci_high_ms: 2.1, normalized: null }));
  const samples = archs.map((arch) => ({ arch, batch: 1, samples_ms: [1.8, 2, 2.1] }));
  writeFileSync(join(dir, 'latency.json'), JSON.stringify({ formatVersion: 1, fingerprint: runManifest([]).fingerprint, rows, samples }));
  return dir;
}
