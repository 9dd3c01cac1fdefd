// The report's tables as data (header + rows), so markdown.ts can drop whole sections or rows to fit a size limit.
import type { ComparisonItem, Verdict } from '../compare/types.js';
import type { ScoreRow } from '../results.js';
import type { ReportInput } from './types.js';
import { VERDICT_ICON, cell, fmtChange, fmtNum, fmtScore, fmtSigned } from './format.js';

export interface TableSection {
  id: 'changed' | 'correlations' | 'unchanged' | 'scores' | 'latency' | 'run';
  title: string;
  /** Shown open (the changed items) or inside <details>. */
  collapsed: boolean;
  header: string[];
  align: Array<'l' | 'r' | 'c'>;
  rows: string[][];
  intro?: string;
}

const VERDICT_ORDER: Verdict[] = ['regression', 'improvement', 'removed', 'added', 'incomparable', 'unchanged'];
const KIND_ORDER: ComparisonItem['kind'][] = ['correlation', 'latency', 'score', 'arch'];

export function sortItems(items: ComparisonItem[]): ComparisonItem[] {
  return [...items].sort(
    (a, b) =>
      VERDICT_ORDER.indexOf(a.verdict) - VERDICT_ORDER.indexOf(b.verdict) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}

const ITEM_HEADER = ['', 'Kind', 'What', 'Metric', 'Baseline', 'Current', 'Change', 'Why'];
const ITEM_ALIGN: TableSection['align'] = ['c', 'l', 'l', 'l', 'r', 'r', 'r', 'l'];

function itemRow(item: ComparisonItem): string[] {
  const sig = item.kind === 'latency' ? 3 : 4;
  return [
    VERDICT_ICON[item.verdict],
    item.kind,
    `\`${cell(item.key)}\``,
    cell(item.metric),
    fmtNum(item.baseline, sig),
    fmtNum(item.current, sig),
    fmtChange(item),
    cell(item.detail),
  ];
}

function ci(pair: [number, number]): string {
  return `[${fmtNum(pair[0], 3)}, ${fmtNum(pair[1], 3)}]`;
}

function correlationSection(input: ReportInput): TableSection | undefined {
  const rows = input.correlations ?? [];
  if (rows.length === 0) return undefined;
  return {
    id: 'correlations',
    title: `Rank correlation with ground truth: ours vs baseline vs published (${rows.length} proxies)`,
    collapsed: true,
    header: ['Proxy', 'n', 'Spearman ρ [95% CI]', 'Baseline ρ', 'Δ ρ', 'Published ρ', 'Kendall τ [95% CI]', 'Top-10% ρ', 'Best pick / best acc.'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: [...rows]
      .sort((a, b) => (Number.isNaN(b.spearman) ? -Infinity : b.spearman) - (Number.isNaN(a.spearman) ? -Infinity : a.spearman))
      .map((c) => [
        `\`${cell(c.proxy)}\``,
        String(c.n),
        `${fmtNum(c.spearman, 3)} ${ci(c.spearmanCi)}`,
        fmtNum(c.baselineSpearman, 3),
        c.baselineSpearman === undefined ? '–' : fmtSigned(c.spearman - c.baselineSpearman),
        fmtNum(c.published, 3),
        `${fmtNum(c.kendall, 3)} ${ci(c.kendallCi)}`,
        fmtNum(c.spearmanTop, 3),
        `${fmtNum(c.bestPickAccuracy)} / ${fmtNum(c.bestAccuracy)}`,
      ]),
  };
}

function scoreSection(input: ReportInput): TableSection | undefined {
  if (input.scores.length === 0) return undefined;
  const proxies = [...new Set(input.scores.map((s) => s.proxy))];
  const byArch = new Map<string, Map<string, ScoreRow>>();
  for (const s of input.scores) {
    if (!byArch.has(s.arch)) byArch.set(s.arch, new Map());
    byArch.get(s.arch)!.set(s.proxy, s);
  }
  const order = [...new Set([...input.manifest.archs.filter((a) => byArch.has(a)), ...byArch.keys()])];
  const acc = input.accuracy;
  // Error messages may live in the manifest rather than on the rows (scores.csv keeps five columns).
  const messages = new Map((input.manifest.errors ?? []).map((e) => [`${e.arch}\u0000${e.proxy}`, e.error]));
  const withMessage = (r: ScoreRow | undefined) => (r && r.status === 'error' && !r.error ? { ...r, error: messages.get(`${r.arch}\u0000${r.proxy}`) } : r);
  const failed = input.scores.filter((s) => s.status !== 'ok').length;
  return {
    id: 'scores',
    title: `Proxy scores per architecture (${order.length} archs × ${proxies.length} proxies${failed ? `, ${failed} not finite` : ''})`,
    collapsed: true,
    header: ['Arch', ...(acc ? ['Accuracy %'] : []), ...proxies.map((p) => `\`${cell(p)}\``)],
    align: ['l', ...(acc ? ['r' as const] : []), ...proxies.map(() => 'r' as const)],
    rows: order.map((arch) => [
      `\`${cell(arch)}\``,
      ...(acc ? [fmtNum(acc.get(arch))] : []),
      ...proxies.map((p) => cell(fmtScore(withMessage(byArch.get(arch)!.get(p))))),
    ]),
  };
}

function latencySection(input: ReportInput): TableSection | undefined {
  if (input.latency.length === 0) return undefined;
  return {
    id: 'latency',
    title: `Latency (${input.latency.length} measurements, backend ${input.manifest.backend})`,
    collapsed: true,
    header: ['Arch', 'Batch', 'Median ms', 'IQR ms', '95% CI of median', 'Min ms', 'CV', 'n', 'Normalized'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: input.latency.map((l) => [
      `\`${cell(l.arch)}\``,
      String(l.batch),
      fmtNum(l.median_ms, 3),
      `${fmtNum(l.p25_ms, 3)}–${fmtNum(l.p75_ms, 3)}`,
      `[${fmtNum(l.ci_low_ms, 3)}, ${fmtNum(l.ci_high_ms, 3)}]`,
      fmtNum(l.min_ms, 3),
      `${fmtNum(l.cv * 100, 2)}%`,
      String(l.n),
      fmtNum(l.normalized, 3),
    ]),
  };
}

function runSection(input: ReportInput): TableSection {
  const m = input.manifest;
  const f = m.fingerprint;
  const rows: string[][] = [
    ['Experiment', cell(m.name)],
    ['Backend', `${cell(m.backend)} (${f.threads} threads)`],
    ['Hardware', cell(`${f.cpuModel}, ${f.cores} cores, ${fmtNum(f.memoryGiB, 3)} GiB`)],
    ['OS / Node / tfjs', cell(`${f.os} / ${f.node} / ${f.tfjs}`)],
    ['Seed', String(m.seed)],
    ['Started / finished', `${cell(m.startedAt)} / ${cell(m.finishedAt)}`],
    ['Total time', `${fmtNum(m.timings.totalSeconds, 3)} s`],
    ['Archs', String(m.archs.length)],
  ];
  if (m.shard) rows.push(['Shard', `${m.shard.index + 1} of ${m.shard.count}`]);
  for (const [proxy, s] of Object.entries(m.timings.perProxySeconds)) rows.push([`Time \`${cell(proxy)}\``, `${fmtNum(s, 3)} s`]);
  for (const [pkg, v] of Object.entries(m.versions)) rows.push([`Version \`${cell(pkg)}\``, cell(v)]);
  return { id: 'run', title: 'Run details: backend, fingerprint, versions, timings', collapsed: true, header: ['Field', 'Value'], align: ['l', 'l'], rows };
}

/** All tables of the report, in display order. */
export function buildSections(input: ReportInput): TableSection[] {
  const items = sortItems(input.comparison?.items ?? []);
  const changed = items.filter((i) => i.verdict !== 'unchanged');
  const unchanged = items.filter((i) => i.verdict === 'unchanged');
  const sections: Array<TableSection | undefined> = [
    changed.length ? { id: 'changed', title: 'Changed', collapsed: false, header: ITEM_HEADER, align: ITEM_ALIGN, rows: changed.map(itemRow) } : undefined,
    correlationSection(input),
    unchanged.length
      ? { id: 'unchanged', title: `Unchanged comparisons (${unchanged.length})`, collapsed: true, header: ITEM_HEADER, align: ITEM_ALIGN, rows: unchanged.map(itemRow) }
      : undefined,
    scoreSection(input),
    latencySection(input),
    runSection(input),
  ];
  return sections.filter((s): s is TableSection => s !== undefined);
}
