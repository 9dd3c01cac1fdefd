// Builds the static Pages site into a temp folder beside the target, then swaps it in: a reader (or a failed build)
// never sees half a site.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeAssets } from './assets.js';
import { discoverEntries } from './discover.js';
import type { SiteEntry } from './entry.js';
import { historyCharts, readHistory } from './history.js';
import { entryPage, indexPage } from './pages.js';

export interface SiteOptions {
  reportsDir: string;
  outDir: string;
  /** JSON lines of past runs; default <reportsDir>/history.jsonl (absent: no history charts). */
  historyFile?: string;
}

export interface SiteResult {
  outDir: string;
  entries: SiteEntry[];
  historyEntries: number;
}

function writePage(path: string, html: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
}

export function buildSite(opts: SiteOptions): SiteResult {
  const outDir = resolve(opts.outDir);
  const historyFile = opts.historyFile ?? join(opts.reportsDir, 'history.jsonl');
  const entries = discoverEntries(opts.reportsDir);
  const history = readHistory(historyFile);

  mkdirSync(dirname(outDir), { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = `${outDir}.tmp-${tag}`;
  try {
    writeAssets(tmp);
    for (const e of entries) {
      writePage(join(tmp, e.slug, 'index.html'), entryPage(e));
      for (const f of e.files) {
        const to = join(tmp, e.slug, 'files', ...f.to.split('/'));
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(f.from, to);
      }
    }
    writePage(join(tmp, 'index.html'), indexPage(entries, historyCharts(history), historyFile));
    // Pages runs Jekyll on an uploaded folder unless told not to (it would hide files starting with '_').
    writeFileSync(join(tmp, '.nojekyll'), '');
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = `${outDir}.old-${tag}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(tmp, outDir);
  rmSync(old, { recursive: true, force: true });
  return { outDir, entries, historyEntries: history.length };
}
