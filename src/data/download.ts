// Pinned downloads: a file is identified by its sha256, fetched once into a cache folder and verified while it
// is written. The cache only ever holds complete, verified files (temp file + atomic rename).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebStream } from 'node:stream/web';

export interface PinnedFile {
  url: string;
  /** Expected sha256, 64 lowercase hex digits. */
  sha256: string;
  /** File name inside the cache folder. */
  name: string;
  /** Default: $ZSNAS_CACHE, else ~/.cache/zsnas. */
  cacheDir?: string;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.ZSNAS_CACHE || join(homedir(), '.cache', 'zsnas');
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function isFile(path: string): Promise<boolean> {
  try { return (await stat(path)).isFile(); } catch { return false; }
}

/** Local path of the verified file; downloads it only when the cache lacks a copy with the right sha256. */
export async function fetchPinned(p: PinnedFile): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(p.sha256)) throw new Error(`fetchPinned(${p.name}): sha256 must be 64 lowercase hex digits, got "${p.sha256}"`);
  if (!p.name || /[/\\]/.test(p.name) || p.name.startsWith('.')) throw new Error(`fetchPinned: bad cache file name "${p.name}"`);
  const dir = p.cacheDir ?? defaultCacheDir();
  const dest = join(dir, p.name);
  // A cached copy with another hash (older pin, damaged file) is replaced.
  if ((await isFile(dest)) && (await sha256File(dest)) === p.sha256) return dest;

  await mkdir(dir, { recursive: true });
  let res: Response;
  try {
    res = await fetch(p.url);
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`download of ${p.url} failed: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new Error(`download of ${p.url} failed: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  }
  const tmp = join(dir, `.${p.name}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const h = createHash('sha256');
  const fh = await open(tmp, 'w');
  try {
    try {
      for await (const chunk of Readable.fromWeb(res.body as unknown as WebStream<Uint8Array>)) {
        h.update(chunk as Buffer);
        await fh.write(chunk as Buffer);
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    const got = h.digest('hex');
    if (got !== p.sha256) throw new Error(`sha256 mismatch for ${p.url}: expected ${p.sha256}, got ${got}`);
    await rename(tmp, dest);
  } catch (e) {
    await rm(tmp, { force: true });
    if ((e as Error).message.startsWith('sha256 mismatch')) throw e;
    throw new Error(`download of ${p.url} failed: ${(e as Error).message}`);
  }
  return dest;
}
