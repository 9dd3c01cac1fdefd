// Atomic file writes: a temp file in the same folder, then rename, so readers never see half a file and an
// interrupted run never leaves one. The temp name is hidden and unique per process and call, so concurrent
// writers (shards sharing a cache folder) never clobber each other's temp files.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * mkdir -p one level at a time: node's recursive mkdir never returns for a path under /proc (mkdir there fails with
 * ENOENT on a parent that exists, and the recursive walk retries for ever).
 */
/** Returns the topmost folder it created (undefined when `dir` was there already). */
export function makeFolders(dir: string): string | undefined {
  const missing: string[] = [];
  let d = resolve(dir);
  while (!existsSync(d)) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing) {
    try { mkdirSync(m); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; } // a concurrent writer made it
  }
  return missing[0];
}

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export function writeAtomic(path: string, content: string | Uint8Array): void {
  makeFolders(dirname(path));
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  makeFolders(dirname(path));
  const tmp = tempPath(path);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** JSON with NaN/Infinity written as strings (JSON has no such numbers). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
}
