// History of each experiment across commits: reports/history.jsonl, one JSON line per (commit, experiment) with each
// proxy's Spearman rho and each arch's median latency. `zsnas site --record` appends; the site draws line charts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomic } from '../../io/atomic.js';
import type { CorrelationSummary } from '../../compare/types.js';
import type { LatencyRow, RunManifest } from '../../results.js';
import { shortArch, type VlSpec } from '../../report/charts.js';

export interface HistoryEntry {
  commit: string;
  /** ISO 8601: when the run finished. */
  date: string;
  experiment: string;
  backend?: string;
  /** proxy -> Spearman rho with ground truth (null when it was not finite). */
  spearman: Record<string, number | null>;
  /** arch -> median latency in ms at the smallest batch measured. */
  latencyMs: Record<string, number>;
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8'), (_k, v) => (v === 'NaN' ? null : v)) as T) : undefined;
}

/** The history entry of one results directory (run.json, plus correlations.json / report/input.json / latency.json). */
export function entryFromResults(dir: string, commit: string, date?: string): HistoryEntry {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) throw new Error(`--commit: got "${commit}", expected a commit SHA (7 to 64 hex digits)`);
  const manifest = readJson<RunManifest>(join(dir, 'run.json'));
  const input = readJson<{ experiment: string; correlations?: CorrelationSummary[]; latency?: LatencyRow[]; manifest?: RunManifest }>(join(dir, 'report', 'input.json'));
  const m = manifest ?? input?.manifest;
  if (!m) throw new Error(`${join(dir, 'run.json')} not found: is ${dir} the output of \`zsnas run\`?`);
  const correlations = readJson<CorrelationSummary[]>(join(dir, 'correlations.json')) ?? input?.correlations ?? [];
  const latency = readJson<{ rows: LatencyRow[] }>(join(dir, 'latency.json'))?.rows ?? input?.latency ?? [];
  const batch = Math.min(...latency.map((r) => r.batch));
  const latencyMs: Record<string, number> = {};
  for (const r of latency) if (r.batch === batch && Number.isFinite(r.median_ms)) latencyMs[r.arch] = r.median_ms;
  const spearman: Record<string, number | null> = {};
  for (const c of correlations) spearman[c.proxy] = typeof c.spearman === 'number' && Number.isFinite(c.spearman) ? c.spearman : null;
  return { commit, date: date ?? m.finishedAt, experiment: input?.experiment ?? m.name, backend: m.backend, spearman, latencyMs };
}

export function readHistory(path: string): HistoryEntry[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as HistoryEntry];
    } catch (e) {
      throw new Error(`${path}:${i + 1}: not a JSON line (${(e as Error).message}); fix or delete that line`);
    }
  });
}

/**
 * Adds an entry, replacing an earlier one of the same commit and experiment (a re-run), and rewrites the file
 * atomically: an interrupted record never leaves half a line.
 */
export function appendHistory(path: string, entry: HistoryEntry): HistoryEntry[] {
  const kept = readHistory(path).filter((e) => !(e.commit === entry.commit && e.experiment === entry.experiment));
  const all = [...kept, entry];
  writeAtomic(path, all.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return all;
}

/** Above this many archs, latency draws each arch faintly and the median over archs in bold. */
const MAX_ARCH_LINES = 10;

export interface HistoryCharts {
  correlation?: VlSpec;
  latency?: VlSpec;
}

const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white', width: 640, height: 260 };

/** Line charts per experiment: Spearman rho per proxy, and median latency per arch, over commits in date order. */
export function historyCharts(entries: readonly HistoryEntry[]): Map<string, HistoryCharts> {
  const out = new Map<string, HistoryCharts>();
  const byExp = new Map<string, HistoryEntry[]>();
  for (const e of entries) byExp.set(e.experiment, [...(byExp.get(e.experiment) ?? []), e]);
  for (const [exp, list] of [...byExp].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...list].sort((a, b) => a.date.localeCompare(b.date));
    // Commits evenly spaced, oldest first: runs come in bursts, so a time axis would bunch most of them together.
    const order = [...new Set(sorted.map((e) => e.commit.slice(0, 7)))];
    const x = { field: 'commit', type: 'ordinal', sort: order, title: 'commit (oldest → newest)', axis: { labelAngle: order.length > 8 ? -45 : 0 } };
    const charts: HistoryCharts = {};
    const rho = sorted.flatMap((e) => Object.entries(e.spearman).flatMap(([proxy, r]) => (r === null ? [] : [{ commit: e.commit.slice(0, 7), date: e.date, proxy, rho: r }])));
    if (rho.length) {
      charts.correlation = {
        ...BASE,
        title: { text: `${exp}: rank correlation with accuracy per proxy`, subtitle: `${sorted.length} commits` },
        data: { values: rho },
        mark: { type: 'line', point: true },
        encoding: {
          x, y: { field: 'rho', type: 'quantitative', title: 'Spearman ρ', scale: { zero: false } },
          color: { field: 'proxy', type: 'nominal', title: 'proxy' },
          tooltip: [{ field: 'commit' }, { field: 'date', type: 'temporal' }, { field: 'proxy' }, { field: 'rho', format: '.3f' }],
        },
      };
    }
    const lat = sorted.flatMap((e) => Object.entries(e.latencyMs).map(([arch, ms]) => ({ commit: e.commit.slice(0, 7), date: e.date, arch: shortArch(arch), archFull: arch, ms })));
    if (lat.length) {
      const archs = new Set(lat.map((v) => v.archFull)).size;
      const tooltip = [{ field: 'commit' }, { field: 'date', type: 'temporal' }, { field: 'archFull', title: 'arch' }, { field: 'ms', format: '.3f' }];
      const y = { field: 'ms', type: 'quantitative', title: 'median latency (ms)', scale: { zero: false } };
      const few = archs <= MAX_ARCH_LINES;
      charts.latency = {
        ...BASE,
        title: { text: `${exp}: median latency per arch`, subtitle: few ? `${archs} archs` : `${archs} archs (faint), median over archs (bold)` },
        data: { values: lat },
        layer: [
          {
            mark: few ? { type: 'line', point: true } : { type: 'line', opacity: 0.25, strokeWidth: 1 },
            encoding: { x, y, detail: { field: 'archFull' }, ...(few ? { color: { field: 'arch', type: 'nominal', title: 'arch' } } : { color: { value: '#9a9a9a' } }), tooltip },
          },
          ...(few ? [] : [{
            transform: [{ aggregate: [{ op: 'median', field: 'ms', as: 'ms' }], groupby: ['date', 'commit'] }],
            mark: { type: 'line', point: true, color: '#e45756', strokeWidth: 3 },
            encoding: { x, y, tooltip: [{ field: 'commit' }, { field: 'ms', format: '.3f', title: 'median over archs (ms)' }] },
          }]),
        ],
      };
    }
    out.set(exp, charts);
  }
  return out;
}
