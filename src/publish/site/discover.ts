// Finds what the site lists: every baseline under reports/baselines/ and every report folder under reports/.
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { baselineEntry } from './baseline-entry.js';
import { slugify, type SiteEntry } from './entry.js';
import { isReportFolder, reportEntry } from './report-entry.js';

/** Deep enough for reports/<group>/<experiment>/<run>; deeper folders are not reports. */
const MAX_DEPTH = 4;

function reportFolders(root: string, rel = '', depth = 0): string[] {
  const dir = rel ? join(root, rel) : root;
  if (rel && isReportFolder(dir)) return [rel];
  if (depth >= MAX_DEPTH) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules' && !(depth === 0 && e.name === 'baselines'))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => reportFolders(root, rel ? posix.join(rel, e.name) : e.name, depth + 1));
}

/** Baselines first (by name), then report folders (by path). Slugs are unique, and 'assets' stays free. */
export function discoverEntries(reportsDir: string): SiteEntry[] {
  if (!existsSync(reportsDir)) throw new Error(`--reports: ${reportsDir} does not exist (expected the folder of committed reports, e.g. reports)`);
  const used = new Set(['assets', 'index.html']);
  const unique = (s: string) => {
    let slug = s;
    for (let n = 2; used.has(slug); n++) slug = `${s}-${n}`;
    used.add(slug);
    return slug;
  };
  const entries: SiteEntry[] = [];
  const baselines = join(reportsDir, 'baselines');
  if (existsSync(baselines)) {
    for (const f of readdirSync(baselines).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
      entries.push(baselineEntry(join(baselines, f), posix.join('baselines', f), unique(`baseline-${slugify(f.replace(/\.json$/, ''))}`)));
    }
  }
  for (const rel of reportFolders(reportsDir)) entries.push(reportEntry(reportsDir, rel, unique(slugify(rel.replace(/\//g, '-')))));
  return entries;
}
