// Content-addressed cache of proxy results. The key covers everything that determines a score — arch, space,
// dataset, proxy and its resolved options, seed, calibration data hash, backend and package versions — so a PR
// re-scores only what changed. One small JSON file per key under DIR/<2 hex>/<key>.json: safe to share between
// concurrent shards (atomic rename), and a plain folder that `actions/cache` can save and restore.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScoreRow, ScoreStatus } from '../results.js';
import { writeAtomic } from '../io/atomic.js';

export interface CacheKeyParts {
  space: string;
  dataset: string;
  arch: string;
  proxy: string;
  options: Record<string, unknown>;
  seed: number;
  dataHash: string;
  backend: string;
  versions: Record<string, string>;
  /** sha256 of a custom proxy module's source, when the proxy comes from one. */
  moduleHash?: string;
  /** The spec's network init when not the default (pytorch), so existing keys are unchanged. */
  init?: string;
}

/** Stable JSON (sorted keys) so that option order never changes a key. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function cacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(stable(parts)).digest('hex');
}

interface Entry { value: number | string; status: ScoreStatus; seconds: number; error?: string }

export class ResultCache {
  hits = 0;
  misses = 0;

  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string, arch: string, proxy: string): ScoreRow | undefined {
    const p = this.path(key);
    if (!existsSync(p)) { this.misses++; return undefined; }
    try {
      const e = JSON.parse(readFileSync(p, 'utf8')) as Entry;
      this.hits++;
      return { arch, proxy, value: Number(e.value), status: e.status, seconds: e.seconds, ...(e.error ? { error: e.error } : {}) };
    } catch {
      this.misses++; // a corrupt entry is recomputed and overwritten
      return undefined;
    }
  }

  /** Errors are not cached: they may be transient (out of memory on a busy runner). */
  put(key: string, row: ScoreRow): void {
    if (row.status === 'error') return;
    const e: Entry = { value: Number.isFinite(row.value) ? row.value : String(row.value), status: row.status, seconds: row.seconds };
    writeAtomic(this.path(key), JSON.stringify(e));
  }
}
