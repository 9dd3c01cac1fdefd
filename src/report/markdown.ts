// The Markdown report: hidden marker, verdict, changed items, charts, then everything else collapsed. Fits a size limit.
// The Markdown report: hidden marker, headline, changed rows, charts, then everything else collapsed. Fits a size limit.
import { markdownTable } from 'markdown-table';
import type { Comparison } from '../compare/types.js';
import type { LatencyAbRow } from '../compare/ab-types.js';
import { CHART_NAMES, CHART_TITLES, type ChartName, type ReportInput } from './types.js';
import { buildSections, type TableSection } from './sections.js';
import { changeRows, rowCounts } from './changes.js';
import { countsLine, headline } from './headline.js';
import { labelArchs, reportArchs } from './labels.js';
import { mdText, safeUrl } from './escape.js';
import { buildCharts } from './charts.js';

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
  return `<!-- zsnas:${experiment.replace(/--/g, '- -').replace(/>/g, '&gt;')} -->`;
}

export type OverallVerdict = 'regression' | 'improvement' | 'unchanged' | 'no-baseline';

/** The report's overall verdict; A/B latency rows, when given, count like the comparison's items. */
export function overallVerdict(comparison: Comparison | undefined, latencyAb: LatencyAbRow[] = []): OverallVerdict {
  if ((!comparison || !comparison.baselineFound) && latencyAb.length === 0) return 'no-baseline';
  const c = rowCounts(changeRows({ comparison, latencyAb } as ReportInput));
  if (c.regression > 0) return 'regression';
  if (c.improvement > 0) return 'improvement';
  return 'unchanged';
}

/** One line a reviewer reads first, e.g. "❌ 2 regressions · ✅ 1 improvement · 37 unchanged". */
export function verdictLine(comparison: Comparison | undefined, latencyAb: LatencyAbRow[] = []): string {
  if (comparison?.baselineBroken) {
    return `⚠️ **Baseline unusable:** ${comparison.message ?? 'the committed baseline cannot be read'}. Regenerate it with \`zsnas baseline update\` (or the action's \`mode: baseline\`).`;
  }
  if (latencyAb.length === 0 && (!comparison || !comparison.baselineFound)) {
    if (!comparison) return 'ℹ️ No comparison was run (mode `run` without a baseline).';
    const why = comparison.message ?? 'no committed baseline for this experiment';
    return `ℹ️ **No baseline:** ${why}. Run the action with \`mode: baseline\` on the base branch to create one.`;
  }
  return countsLine(changeRows({ comparison, latencyAb } as ReportInput));
}

function renderSection(s: TableSection, rowLimit = s.rows.length): string {
  const rows = s.rows.slice(0, rowLimit);
  const table = s.list ? rows.map((r) => `- ${r[0]}`).join('\n') : markdownTable([s.header, ...rows], { align: s.align, alignDelimiters: false });
  const cut = rowLimit < s.rows.length ? `\n\n_… ${s.rows.length - rowLimit} more rows cut to fit; see the full report._` : '';
  const body = `${s.intro ? `${s.intro}\n\n` : ''}${table}${cut}${s.note ? `\n\n${s.note}` : ''}`;
  return s.collapsed ? `<details><summary>${s.title}</summary>\n\n${body}\n\n</details>` : `#### ${s.title}\n\n${body}`;
}

/** Charts shown inline in the comment (when pushed), in this order; any other chart is linked or named. */
const INLINE_CHARTS: ChartName[] = ['change', 'latency-ab', 'latency-pareto', 'correlation'];

/** Images for the charts that have a link; the charts that exist but are not shown are named, never counted blindly. */
export function chartsBlock(input: ReportInput, existing: ChartName[]): string {
  const links = input.chartLinks ?? {};
  const url = (n: ChartName) => safeUrl(links[n]);
  const inline = INLINE_CHARTS.filter((n) => existing.includes(n) && url(n));
  const rest = CHART_NAMES.filter((n) => existing.includes(n) && !inline.includes(n));
  const parts = inline.map((n) => `![${CHART_TITLES[n]}](${url(n)})`);
  if (rest.length) {
    const named = rest.map((n) => (url(n) ? `[${CHART_TITLES[n]}](${url(n)})` : CHART_TITLES[n]));
    const where = rest.every((n) => url(n)) ? '' : ' (PNG, SVG and Vega-Lite JSON in the results artifact under `report/`)';
    parts.push(`_📊 ${inline.length ? 'More charts' : 'Charts'}: ${named.join(' · ')}${where}._`);
  }
  return parts.join('\n\n');
}

function header(input: ReportInput, marker: string, label: (a: string) => string, commit?: string): string {
  const m = input.manifest;
  const proxies = new Set(input.scores.map((s) => s.proxy)).size;
  const facts = [`${m.archs.length} archs`, `${proxies} proxies`, `${m.timings.totalSeconds.toFixed(1)} s`];
  return `${marker}\n${headline(input, label, commit)}\n\n<sub>${facts.join(' · ')}</sub>`;
}

function truncationNote(dropped: string[], cut: string[], maxChars: number, url?: string): string {
  const what = [...dropped.map((d) => `omitted “${d}”`), ...cut].join('; ');
  const safe = safeUrl(url);
  const where = safe ? `[the full report](${safe})` : 'the full report in the results artifact (`report/report.md`)';
  return `> ✂️ **Truncated** to fit the ${maxChars.toLocaleString('en-US')}-character limit: ${what}. See ${where}.`;
}

/**
 * Builds the report. When it exceeds maxChars, drops the largest collapsed sections first, then rows of what is left,
 * and says what was cut and where the full report is.
 */
export function buildMarkdown(input: ReportInput, opts: MarkdownOptions = {}): string {
  const maxChars = opts.maxChars ?? COMMENT_MAX_CHARS;
  const labels = labelArchs(reportArchs(input));
  const top = header(input, opts.marker ?? markerFor(input.experiment), (a) => labels.get(a) ?? a, opts.commit);
  const sections = buildSections(input, labels);
  const charts = chartsBlock(input, Object.keys(buildCharts(input, labels)) as ChartName[]);

  const compose = (kept: TableSection[], limits: Map<TableSection, number>, note?: string): string => {
    const parts = [top];
    if (note) parts.push(note);
    // Run notes (ONNX batch norm folded, images resized to a model): run-derived text, so escaped.
    const warnings = input.manifest.warnings ?? [];
    if (warnings.length) parts.push(warnings.map((w) => `> ⚠️ ${mdText(w)}`).join('\n>\n'));
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
