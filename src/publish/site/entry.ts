// What the site shows of one experiment or run: facts for the index, charts, Markdown sections, and the raw files
// copied beside its page (so the page's links to its data work on Pages).
import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { VlSpec } from '../../report/charts.js';
import type { ParetoInput, ReportInput } from '../../report/types.js';
import type { Fingerprint } from '../../results.js';

export type EntryKind = 'baseline' | 'report' | 'correlations' | 'hw-aware' | 'sensitivity';

export interface SiteChart {
  title: string;
  spec: VlSpec;
}

export interface MarkdownSection {
  md: string;
  /** Folder of the Markdown file inside files/ (posix, '' for the top), to resolve its relative links and images. */
  dir: string;
  /** Drop images whose file name matches (charts the page already shows interactively). */
  dropImages?: RegExp;
}

export interface SiteEntry {
  slug: string;
  kind: EntryKind;
  /** Experiment name. */
  title: string;
  /** Where it came from, relative to the reports folder (posix). */
  source: string;
  date?: string;
  backend?: string;
  machine?: string;
  archs?: number;
  proxies?: number;
  charts: SiteChart[];
  markdown: MarkdownSection[];
  /** Absolute source path -> posix path under the page's files/ folder. */
  files: Array<{ from: string; to: string }>;
  /** The main data file under files/ (linked from the index). */
  mainFile?: string;
  /** Why part of it could not be read (shown on the page, never a crash). */
  problems: string[];
}

/** Raw files bigger than this stay out of the site (committed reports are small; Pages caps a site at 1 GB). */
export const MAX_COPIED_BYTES = 4 * 1024 * 1024;

export function fingerprintSummary(f: Partial<Fingerprint> | null | undefined): string | undefined {
  if (!f || !f.cpuModel) return undefined;
  const threads = f.threads === undefined ? '' : `, ${f.threads} thread${f.threads === 1 ? '' : 's'}`;
  // With a latency engine, threads are the engine's (fingerprint.ts).
  const engine = f.latencyEngine ? `, latency by ${f.latencyEngine}${threads}` : '';
  return `${f.cpuModel}, ${f.cores ?? '?'} cores, ${f.os ?? '?'}, Node ${f.node ?? '?'}, tfjs ${f.tfjs ?? '?'} (${f.backend ?? '?'}${engine ? '' : threads})${engine}`;
}

/** Every non-hidden file under dir (recursively, small ones only), as copy instructions. */
export function folderFiles(dir: string, under = ''): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.')) continue;
    const from = join(dir, e.name);
    const to = under ? posix.join(under, e.name) : e.name;
    if (e.isDirectory()) out.push(...folderFiles(from, to));
    else if (e.isFile() && statSync(from).size <= MAX_COPIED_BYTES) out.push({ from, to });
  }
  return out;
}

/** A folder-safe, readable page name. */
export function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'run';
}

/** Proxies that only count the network: a front of them says little about what the proxies predict. */
const COUNTING = new Set(['params', 'flops']);

/**
 * The Pareto front for the latency chart when the run recorded none: the best-correlated proxy (else the first that
 * is not a counter), its non-dominated archs for lower latency and higher score at the smallest batch.
 */
export function paretoFor(input: ReportInput): ParetoInput | undefined {
  const proxies = [...new Set(input.scores.map((s) => s.proxy))];
  const ranked = [...(input.correlations ?? [])].filter((c) => Number.isFinite(c.spearman)).sort((a, b) => b.spearman - a.spearman);
  const proxy = ranked.find((c) => proxies.includes(c.proxy))?.proxy ?? proxies.find((p) => !COUNTING.has(p)) ?? proxies[0];
  if (!proxy || input.latency.length === 0) return undefined;
  const batch = Math.min(...input.latency.map((l) => l.batch));
  const ms = new Map(input.latency.filter((l) => l.batch === batch && Number.isFinite(l.median_ms)).map((l) => [l.arch, l.median_ms]));
  const pts = input.scores.filter((s) => s.proxy === proxy && s.status === 'ok' && Number.isFinite(s.value) && ms.has(s.arch))
    .map((s) => ({ arch: s.arch, ms: ms.get(s.arch)!, score: s.value }))
    .sort((a, b) => a.ms - b.ms || b.score - a.score);
  const front: string[] = [];
  let best = -Infinity;
  for (const p of pts) if (p.score > best) { front.push(p.arch); best = p.score; }
  return { proxy, front };
}

/** A chart's title text replaced, its subtitle kept (the report's wording assumes a run compared with a baseline). */
export function retitle(spec: VlSpec, text: string): VlSpec {
  const t = spec.title as { text: string; subtitle?: string } | string | undefined;
  return { ...spec, title: typeof t === 'object' ? { ...t, text } : text };
}
