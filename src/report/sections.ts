// The report's tables and lists as data (header + rows of Markdown cells), so markdown.ts can drop whole sections or
// rows to fit a size limit. Every run-derived text goes through escape.ts here.
import type { ScoreRow } from '../results.js';
import type { ReportInput } from './types.js';
import { changeRows, type ChangeRow } from './changes.js';
import { codeSpan, mdText } from './escape.js';
import { ROW_ICON } from './headline.js';
import { isNb201Arch, NB201_LABEL_KEY } from './labels.js';
import { sensitivitySections } from './sensitivity-section.js';
import { fmtNum, fmtPct, fmtPctRange, fmtScore, fmtSigned, fmtValue } from './format.js';

export interface TableSection {
  id: 'changed' | 'stats' | 'legend' | 'correlations' | 'unchanged' | 'scores' | 'latency' | 'run' | 'sensitivity';
  title: string;
  /** Shown open (the changed rows) or inside <details>. */
  collapsed: boolean;
  /** A table (header + rows of cells) or a bulleted list (rows of one item each; header unused). */
  list?: boolean;
  header: string[];
  align: Array<'l' | 'r' | 'c'>;
  rows: string[][];
  intro?: string;
  /** A line under the table (how a column is computed). */
  note?: string;
}

export type Labeler = (arch: string) => string;

const code = (text: string) => codeSpan(text, { inTable: true });

export const CHANGE_HEADER = ['Arch', 'Metric', 'Base', 'Head', 'Δ (95% CI)', 'Verdict'];
const CHANGE_ALIGN: TableSection['align'] = ['l', 'l', 'r', 'r', 'r', 'l'];

function metricCell(r: ChangeRow, inTable = true): string {
  const code = (text: string) => codeSpan(text, { inTable });
  switch (r.kind) {
    case 'latency':
      return r.batch !== undefined && r.batch !== 1 ? `latency, batch ${r.batch}` : 'latency';
    case 'score':
      return code(r.proxy ?? '');
    case 'correlation':
      return `${r.coefficient === 'kendall' ? 'Kendall τ' : 'Spearman ρ'} ${code(r.proxy ?? '')}`;
    case 'arch':
      return 'presence';
  }
}

function deltaCell(r: ChangeRow): string {
  if (r.statusChange) return mdText(r.statusChange);
  if (r.deltaAbs !== undefined) return `${r.deltaAbs > 0 ? '+' : r.deltaAbs < 0 ? '−' : ''}${fmtNum(Math.abs(r.deltaAbs), 3)}`;
  if (r.deltaPct === undefined) return '–';
  return r.deltaPctCi ? `${fmtPct(r.deltaPct)} (${fmtPctRange(r.deltaPctCi)})` : fmtPct(r.deltaPct);
}

/** Why a latency Δ can differ from Head/Base: the A/B estimate is not the ratio of the medians shown. */
const AB_NOTE = '<sub>Latency Base and Head: medians of the interleaved samples. Latency Δ: the side-by-side estimate of ' +
  'head/base on the fast part of the samples (less sensitive to machine load), with its 95% CI; it can differ from the ratio of the medians.</sub>';

export function changeRowCells(r: ChangeRow, label: Labeler): string[] {
  const sig = r.kind === 'latency' ? 3 : 4;
  return [
    r.arch === undefined ? 'all' : code(label(r.arch)),
    metricCell(r),
    fmtValue(r.base, r.unit, sig),
    fmtValue(r.head, r.unit, sig),
    deltaCell(r),
    `${ROW_ICON[r.verdict]} ${r.word}`,
  ];
}

function statsItem(r: ChangeRow, label: Labeler): string[] {
  const what = r.arch === undefined ? metricCell(r, false) : `${codeSpan(label(r.arch))} ${r.kind === 'score' ? codeSpan(r.proxy ?? '') : metricCell(r, false)}`;
  return [`${what}: ${mdText(r.stats)}`];
}

function correlationSection(input: ReportInput): TableSection | undefined {
  const rows = input.correlations ?? [];
  if (rows.length === 0) return undefined;
  const hasBase = rows.some((c) => c.baselineSpearman !== undefined);
  const hasPub = rows.some((c) => c.published !== undefined);
  const ci = (p: [number, number]) => `[${fmtNum(p[0], 3)}, ${fmtNum(p[1], 3)}]`;
  return {
    id: 'correlations',
    title: `Rank correlation with ground truth (${rows.length} proxies)`,
    collapsed: true,
    header: ['Proxy', 'n', 'Spearman ρ [95% CI]', ...(hasBase ? ['Base ρ', 'Δ ρ'] : []), ...(hasPub ? ['Published ρ'] : []), 'Kendall τ', 'Top-10% ρ', 'Best pick / best acc. %'],
    align: ['l', 'r', 'r', ...(hasBase ? ['r' as const, 'r' as const] : []), ...(hasPub ? ['r' as const] : []), 'r', 'r', 'r'],
    rows: [...rows]
      .sort((a, b) => (Number.isNaN(b.spearman) ? -Infinity : b.spearman) - (Number.isNaN(a.spearman) ? -Infinity : a.spearman))
      .map((c) => [
        code(c.proxy),
        String(c.n),
        `${fmtNum(c.spearman, 3)} ${ci(c.spearmanCi)}`,
        ...(hasBase ? [fmtNum(c.baselineSpearman, 3), c.baselineSpearman === undefined ? '–' : fmtSigned(c.spearman - c.baselineSpearman)] : []),
        ...(hasPub ? [fmtNum(c.published, 3)] : []),
        `${fmtNum(c.kendall, 3)} ${ci(c.kendallCi)}`,
        fmtNum(c.spearmanTop, 3),
        `${fmtNum(c.bestPickAccuracy)} / ${fmtNum(c.bestAccuracy)}`,
      ]),
  };
}

function scoreSection(input: ReportInput, label: Labeler): TableSection | undefined {
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
    header: ['Arch', ...(acc ? ['Accuracy %'] : []), ...proxies.map((p) => code(p))],
    align: ['l', ...(acc ? ['r' as const] : []), ...proxies.map(() => 'r' as const)],
    rows: order.map((arch) => [
      code(label(arch)),
      ...(acc ? [fmtNum(acc.get(arch))] : []),
      ...proxies.map((p) => mdText(fmtScore(withMessage(byArch.get(arch)!.get(p))))),
    ]),
  };
}

function latencySection(input: ReportInput, label: Labeler): TableSection | undefined {
  if (input.latency.length === 0) return undefined;
  return {
    id: 'latency',
    title: `Latency of head as recorded (${input.latency.length} measurements)`,
    collapsed: true,
    // A side-by-side run records head's samples on the wall clock; its verdicts use the A/B estimate, on its own clock.
    intro: input.latencyAb?.length ? 'Head\'s samples as written to `latency.csv` (wall clock of the side-by-side rounds); the verdicts above use the side-by-side estimate.' : undefined,
    header: ['Arch', 'Batch', 'Median', 'IQR', '95% CI of median', 'Min', 'CV', 'n'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: input.latency.map((l) => [
      code(label(l.arch)),
      String(l.batch),
      `${fmtNum(l.median_ms, 3)} ms`,
      `${fmtNum(l.p25_ms, 3)}–${fmtNum(l.p75_ms, 3)} ms`,
      `${fmtNum(l.ci_low_ms, 3)}–${fmtNum(l.ci_high_ms, 3)} ms`,
      `${fmtNum(l.min_ms, 3)} ms`,
      `${fmtNum(l.cv * 100, 2)}%`,
      String(l.n),
    ]),
  };
}

function runSection(input: ReportInput): TableSection {
  const m = input.manifest;
  const f = m.fingerprint;
  const rows: string[][] = [
    ['Experiment', code(m.name)],
    ['Backend', f.latencyEngine ? code(m.backend) : `${code(m.backend)} (${f.threads} threads)`],
    ['Latency engine', f.latencyEngine ? `${code(f.latencyEngine)} (${f.threads} intra-op thread${f.threads === 1 ? '' : 's'})` : code('tfjs')],
    ['Hardware', `${code(f.cpuModel)}, ${f.cores} cores, ${fmtNum(f.memoryGiB, 3)} GiB`],
    ['OS / Node / tfjs', `${code(f.os)} / ${code(f.node)} / ${code(f.tfjs)}`],
    ['Seed', code(String(m.seed))],
    ['Started / finished', `${code(m.startedAt)} / ${code(m.finishedAt)}`],
    ['Total time', `${fmtNum(m.timings.totalSeconds, 3)} s`],
    ['Archs', String(m.archs.length)],
  ];
  if (m.shard) rows.push(['Shard', `${m.shard.index + 1} of ${m.shard.count}`]);
  for (const [proxy, s] of Object.entries(m.timings.perProxySeconds)) rows.push([`Time ${code(proxy)}`, `${fmtNum(s, 3)} s`]);
  for (const [pkg, v] of Object.entries(m.versions)) rows.push([`Version ${code(pkg)}`, code(String(v))]);
  return { id: 'run', title: 'Run details: backend, fingerprint, versions, timings', collapsed: true, header: ['Field', 'Value'], align: ['l', 'l'], rows };
}

function legendSection(labels: Map<string, string>): TableSection | undefined {
  const shown = [...labels].filter(([arch, l]) => arch !== l);
  if (shown.length === 0) return undefined;
  const nb201 = shown.some(([arch]) => isNb201Arch(arch));
  return {
    id: 'legend',
    title: `Arch labels (${shown.length})`,
    collapsed: true,
    list: true,
    header: [],
    align: [],
    intro: nb201 ? `NB201 labels list each cell node's input ops: ${NB201_LABEL_KEY}.` : undefined,
    rows: shown.map(([arch, l]) => [`${codeSpan(l)} = ${codeSpan(arch)}`]),
  };
}

/** All tables of the report, in display order. */
export function buildSections(input: ReportInput, labels: Map<string, string>): TableSection[] {
  const label: Labeler = (a) => labels.get(a) ?? a;
  const rows = changeRows(input);
  const changed = rows.filter((r) => r.verdict !== 'unchanged');
  const unchanged = rows.filter((r) => r.verdict === 'unchanged');
  const sections: Array<TableSection | undefined> = [
    changed.length ? { id: 'changed', title: 'Changed', collapsed: false, header: CHANGE_HEADER, align: CHANGE_ALIGN, rows: changed.map((r) => changeRowCells(r, label)),
      note: changed.some((r) => r.kind === 'latency' && r.deltaPctCi) ? AB_NOTE : undefined } : undefined,
    changed.length
      ? { id: 'stats', title: 'Statistics of the changed rows (test, p, n)', collapsed: true, list: true, header: [], align: [], rows: changed.map((r) => statsItem(r, label)) }
      : undefined,
    legendSection(labels),
    unchanged.length
      ? { id: 'unchanged', title: `Unchanged (${unchanged.length})`, collapsed: true, header: CHANGE_HEADER, align: CHANGE_ALIGN, rows: unchanged.map((r) => changeRowCells(r, label)) }
      : undefined,
    correlationSection(input),
    ...sensitivitySections(input.sensitivity),
    scoreSection(input, label),
    latencySection(input, label),
    runSection(input),
  ];
  return sections.filter((s): s is TableSection => s !== undefined);
}
