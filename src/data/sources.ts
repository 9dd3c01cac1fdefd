// The public reference data the project pins, by sha256. Where a run finds the files locally (ZSNAS_DATA_DIR,
// or a ../shared/data checkout next to the working directory) it uses them; otherwise it downloads them once
// from the data release (base URL $ZSNAS_DATA_URL, default DEFAULT_DATA_URL) into the cache (download.ts).
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { didYouMean } from '../spec/suggest.js';
import { defaultCacheDir, fetchPinned, sha256File } from './download.js';

/**
 * Release assets of this project's `data-v1` release, one asset per file (flat names). Override with
 * ZSNAS_DATA_URL (e.g. a mirror, or a local http server in tests).
 */
export const DEFAULT_DATA_URL = 'https://github.com/zsnas/zsnas/releases/download/data-v1';

export interface DataFile {
  name: string;
  /** Path inside a data folder laid out like ../shared/data. */
  file: string;
  sha256: string;
}
export interface DataSource extends DataFile { url: string }

export const DATA_FILES: readonly DataFile[] = [
  { name: 'nb201_accuracy.csv', file: 'nb201/nb201_accuracy.csv', sha256: '212ce759191989cbe6e401a2740310aaae8f55c471027a3ddfacc1bc90ed9bb9' },
  { name: 'nb201_hw_nas_bench.csv', file: 'nb201/nb201_hw_nas_bench.csv', sha256: 'b94ad00828be372a7bc3a2dd427e73bc4baae891d054a375bb78d61fa7d00ed6' },
  { name: 'cifar10_test_first20_exact.bin', file: 'cifar/cifar10_test_first20_exact.bin', sha256: '7a75c7f3d741a45b5f79cc341c8607a874c6f441de815b9d426ace5249b5c733' },
  { name: 'cifar10_test_300_jpeg.bin', file: 'cifar/cifar10_test_300_jpeg.bin', sha256: 'ed9fc1dafa2b82ff0c1ec9727666e787d50935c5d5e3a0adacf816d879435d34' },
];

export function dataBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return (env.ZSNAS_DATA_URL || DEFAULT_DATA_URL).replace(/\/+$/, '');
}

export function dataSources(baseUrl: string = dataBaseUrl()): DataSource[] {
  return DATA_FILES.map((f) => ({ ...f, url: `${baseUrl}/${basename(f.file)}` }));
}

export function dataSource(name: string, baseUrl: string = dataBaseUrl()): DataSource {
  const s = dataSources(baseUrl).find((d) => d.name === name);
  if (!s) {
    const names = DATA_FILES.map((d) => d.name);
    throw new Error(`unknown data file "${name}"; pinned files: ${names.join(', ')}${didYouMean(name, names)}`);
  }
  return s;
}

export interface ResolveOptions {
  /**
   * Folder laid out like ../shared/data (nb201/, cifar/) or flat. When given, it is the only folder looked in;
   * otherwise $ZSNAS_DATA_DIR, then ../shared/data relative to the working directory.
   */
  localDir?: string;
  cacheDir?: string;
  baseUrl?: string;
}

/** Local path of a pinned data file: a verified local copy if there is one, else a cached download. */
export async function resolveDataFile(name: string, opts: ResolveOptions = {}): Promise<string> {
  const src = dataSource(name, opts.baseUrl ?? dataBaseUrl());
  const dirs = opts.localDir !== undefined
    ? [opts.localDir]
    : [process.env.ZSNAS_DATA_DIR, resolve(process.cwd(), '../shared/data')];
  for (const dir of dirs) {
    if (!dir) continue;
    for (const candidate of [join(dir, src.file), join(dir, src.name)]) {
      if (!existsSync(candidate)) continue;
      const got = await sha256File(candidate);
      if (got !== src.sha256) {
        throw new Error(`${candidate}: sha256 ${got} does not match the pinned ${src.sha256} for ${name}`);
      }
      return resolve(candidate);
    }
  }
  return fetchPinned({ url: src.url, sha256: src.sha256, name: src.name, cacheDir: opts.cacheDir ?? defaultCacheDir() });
}
