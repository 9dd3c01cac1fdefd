// The Markdown report: hidden marker, verdict, changed items, charts, then everything else collapsed. Fits a size limit.
import { markdownTable } from 'markdown-table';
import type { Comparison, Verdict } from '../compare/types.js';
import { CHART_NAMES, CHART_TITLES, type ReportInput } from './types.js';
import { buildSections, type TableSection } from './sections.js';
import { VERDICT_ICON, fmtNum, plural } from './format.js';

/** GitHub's limit on an issue comment body. */
export const COMMENT_MAX_CHARS = 65536;

export interface MarkdownOptions {
  maxChars?: number;
  /** Hidden first line used to find the sticky comment; defaults to markerFor(experiment). */
  marker?: string;
  /** Head commit the report describes (shown so a reader knows which push an updated comment reflects). */
  commit?: string;
}

export function markerFor(experiment: string): string {
  return `<!-- zsnas:${experiment.replace(/--/g, '- -')} -->`;
}

export type OverallVerdict = 'regression' | 'improvement' | 'unchanged' | 'no-baseline';

export function overallVerdict(comparison: Comparison | undefined): OverallVerdict {
  if (!comparison || !comparison.baselineFound) return 'no-baseline';
  if (comparison.counts.regression > 0) return 'regression';
  if (comparison.counts.improvement > 0) return 'improvement';
  return 'unchanged';
}

const VERDICT_WORDS: Array<[Verdict, string]> = [
  ['regression', 'regression'],
  ['improvement', 'improvement'],
  ['removed', 'removed'],
  ['added', 'added'],
  ['incomparable', 'incomparable'],
];

/** One line a reviewer reads first, e.g. "❌ 2 regressions · ✅ 1 improvement · 37 unchanged". */
export function verdictLine(comparison: Comparison | undefined): string {
  if (!comparison) return 'ℹ️ No comparison was run (mode `run` without a baseline).';
  if (!comparison.baselineFound) {
    const why = comparison.message ?? 'no committed baseline for this experiment';
    return `ℹ️ **No baseline:** ${why}. Run the action with \`mode: baseline\` on the base branch to create one.`;
  }
  const c = comparison.counts;
  const parts: string[] = [];
  for (const [v, word] of VERDICT_WORDS) {
    if (c[v] <= 0) continue;
    const noun = v === 'regression' || v === 'improvement' ? plural(c[v], word) : `${c[v].toLocaleString('en-US')} ${word}`;
    parts.push(`${VERDICT_ICON[v]} ${noun}`);
  }
  parts.push(`${c.unchanged.toLocaleString('en-US')} unchanged`);
  return `**${parts.join(' · ')}**`;
}

function renderSection(s: TableSection, rowLimit = s.rows.length): string {
  const rows = s.rows.slice(0, rowLimit);
  const table = markdownTable([s.header, ...rows], { align: s.align, alignDelimiters: false });
  const cut = rowLimit < s.rows.length ? `\n\n_… ${s.rows.length - rowLimit} more rows cut to fit; see the full report._` : '';
  const body = `${s.intro ? `${s.intro}\n\n` : ''}${table}${cut}`;
  return s.collapsed ? `<details><summary>${s.title}</summary>\n\n${body}\n\n</details>` : `#### ${s.title}\n\n${body}`;
}

function chartsBlock(input: ReportInput): string {
  const links = input.chartLinks ?? {};
  const shown = CHART_NAMES.filter((n) => links[n]);
  if (shown.length === 0) {
    return '_📊 Charts (PNG, SVG and Vega-Lite JSON) are in the results artifact under `report/`._';
  }
  const imgs = shown.map((n) => `![${CHART_TITLES[n]}](${links[n]})`).join('\n');
  const missing = CHART_NAMES.length - shown.length;
  return `${imgs}${missing ? `\n\n_${missing} more chart(s) in the results artifact under \`report/\`._` : ''}`;
}

function header(input: ReportInput, marker: string, commit?: string): string {
  const m = input.manifest;
  const proxies = new Set(input.scores.map((s) => s.proxy)).size;
  const facts = [
    `${m.archs.length} archs`,
    `${proxies} proxies`,
    `backend \`${m.backend}\``,
    `${fmtNum(m.timings.totalSeconds, 3)} s`,
    ...(commit ? [`commit \`${commit.slice(0, 7)}\``] : []),
  ];
  return `${marker}\n### zsnas · \`${input.experiment}\`\n\n${verdictLine(input.comparison)}\n\n<sub>${facts.join(' · ')}</sub>`;
}

function truncationNote(dropped: string[], cut: string[], maxChars: number, url?: string): string {
  const what = [...dropped.map((d) => `omitted “${d}”`), ...cut].join('; ');
  const where = url ? `[the full report](${url})` : 'the full report in the results artifact (`report/report.md`)';
  return `> ✂️ **Truncated** to fit the ${maxChars.toLocaleString('en-US')}-character limit: ${what}. See ${where}.`;
}

/**
 * Builds the report. When it exceeds maxChars, drops the largest collapsed sections first, then rows of what is left,
 * and says what was cut and where the full report is.
 */
export function buildMarkdown(input: ReportInput, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? COMMENT_MAX_CHARS;
  const top = header(input, opts.marker ?? markerFor(input.experiment), opts.commit);
  const sections = buildSections(input);
  const charts = chartsBlock(input);

  const compose = (kept: TableSection[], limits: Map<TableSection, number>, note?: string): string => {
    const parts = [top];
    if (note) parts.push(note);
    for (const s of kept.filter((k) => !k.collapsed)) parts.push(renderSection(s, limits.get(s)));
    parts.push(charts);
    for (const s of kept.filter((k) => k.collapsed)) parts.push(renderSection(s, limits.get(s)));
    return `${parts.join('\n\n')}\n`;
  };

  const limits = new Map<TableSection, number>();
  let kept = sections;
  const full = compose(kept, limits);
  if (full.length <= maxChars) return full;

  const dropped: string[] = [];
  const cut: string[] = [];
  const note = () => truncationNote(dropped, cut, maxChars, input.fullReportUrl);
  const fits = () => compose(kept, limits, note()).length <= maxChars;

  const bySize = sections.filter((s) => s.collapsed).sort((a, b) => renderSection(b).length - renderSection(a).length);
  for (const s of bySize) {
    if (fits()) break;
    kept = kept.filter((k) => k !== s);
    dropped.push(`${s.title}`);
  }
  // Still too long: keep the first rows of the remaining tables (largest first), as many as fit.
  for (const s of [...kept].sort((a, b) => b.rows.length - a.rows.length)) {
    if (fits()) break;
    let lo = 0;
    let hi = s.rows.length;
    cut.push(`cut rows of “${s.title}”`);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      limits.set(s, mid);
      if (fits()) lo = mid;
      else hi = mid - 1;
    }
    limits.set(s, lo);
  }
  const body = compose(kept, limits, note());
  if (body.length <= maxChars) return body;
  // Last resort (an enormous header or message): a hard cut that still carries the marker and the note.
  const tail = `\n\n${note()}\n`;
  return body.slice(0, maxChars - tail.length) + tail;
}
