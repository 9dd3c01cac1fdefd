// The site's HTML pages: the index of experiments and runs (with the history charts) and one page per entry.
import { posix } from 'node:path';
import { chartBlock, escapeHtml, page } from './html.js';
import { markdownToHtml } from './markdown-html.js';
import type { MarkdownSection, SiteEntry } from './entry.js';
import type { HistoryCharts } from './history.js';

const KIND_LABEL: Record<SiteEntry['kind'], string> = {
  baseline: 'baseline', report: 'PR report', correlations: 'correlations', 'hw-aware': 'hardware-aware', sensitivity: 'sensitivity (sweep)',
};

export function fmtDate(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Each file path segment URL-encoded (arch names or odd characters must not break the link). */
function fileHref(path: string): string {
  return `files/${path.split('/').map(encodeURIComponent).join('/')}`;
}

function resolver(section: MarkdownSection, copied: Set<string>) {
  return (href: string, kind: 'link' | 'image'): string | null => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) return href;
    if (href.startsWith('/')) return null; // root-absolute would miss the /REPO/ prefix Pages serves under
    const [path = '', hash] = href.split('#', 2);
    const rel = posix.normalize(posix.join(section.dir, path));
    if (kind === 'image' && section.dropImages?.test(rel)) return null;
    if (rel.startsWith('..') || !copied.has(rel)) return null;
    return fileHref(rel) + (hash ? `#${hash}` : '');
  };
}

function facts(e: SiteEntry): string {
  const rows: Array<[string, string]> = [
    ['Kind', KIND_LABEL[e.kind]],
    ['Source', `<code>reports/${escapeHtml(e.source)}</code>`],
    ['Date', escapeHtml(fmtDate(e.date))],
    ['Backend', e.backend ? `<code>${escapeHtml(e.backend)}</code>` : '–'],
    ['Machine', escapeHtml(e.machine ?? '–')],
    ['Archs × proxies', `${e.archs ?? '–'} × ${e.proxies ?? '–'}`],
  ];
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

export function entryPage(e: SiteEntry): string {
  const copied = new Set(e.files.map((f) => f.to));
  const parts = [`<h1>${escapeHtml(e.title)} <span class="kind">${KIND_LABEL[e.kind]}</span></h1>`, facts(e)];
  if (e.problems.length) parts.push(`<div class="problems">${e.problems.map((p) => `<p>⚠️ ${escapeHtml(p)}</p>`).join('')}</div>`);
  const charts: string[] = [];
  if (e.charts.length) {
    charts.push('<h2>Charts</h2>', '<p class="hint">Interactive: hover for values; the “…” menu saves SVG or PNG.</p>');
    e.charts.forEach((c, i) => charts.push(chartBlock(`chart-${i}`, c.spec)));
  }
  const markdown = e.markdown.map((s) => `<section class="markdown">${markdownToHtml(s.md, { resolve: resolver(s, copied), headingShift: 1 })}</section>`);
  // A PR report reads as its comment does: verdict and changed rows first, then the charts.
  parts.push(...(e.kind === 'report' ? [...markdown, ...charts] : [...charts, ...markdown]));
  if (e.files.length) {
    parts.push('<h2>Data</h2>', `<ul class="files">${e.files.map((f) => `<li><a href="${escapeHtml(fileHref(f.to))}">${escapeHtml(f.to)}</a></li>`).join('')}</ul>`);
  }
  return page({ title: `${e.title} · zsnas`, root: '../', body: parts.join('\n'), charts: e.charts.length > 0 });
}

function indexRow(e: SiteEntry): string {
  const links = [`<a href="${escapeHtml(e.slug)}/index.html">page</a>`];
  if (e.mainFile) links.push(`<a href="${escapeHtml(e.slug)}/${escapeHtml(fileHref(e.mainFile))}">${escapeHtml(posix.basename(e.mainFile))}</a>`);
  return `<tr><td><a href="${escapeHtml(e.slug)}/index.html">${escapeHtml(e.title)}</a>` +
    `${e.problems.length ? ' <span title="see its page">⚠️</span>' : ''}</td><td>${KIND_LABEL[e.kind]}</td>` +
    `<td>${escapeHtml(fmtDate(e.date))}</td><td>${e.backend ? `<code>${escapeHtml(e.backend)}</code>` : '–'}</td>` +
    `<td>${escapeHtml(e.machine ?? '–')}</td><td style="text-align:right">${e.archs ?? '–'} × ${e.proxies ?? '–'}</td>` +
    `<td>${links.join(' · ')}</td></tr>`;
}

export function indexPage(entries: readonly SiteEntry[], history: Map<string, HistoryCharts>, historyFile: string): string {
  const parts = ['<h1>zsnas: experiments and runs</h1>'];
  if (entries.length === 0) parts.push('<p>No reports or baselines found.</p>');
  else {
    parts.push(`<p>${entries.length} experiments and runs from the committed reports and baselines.</p>`,
      '<div class="table-wrap"><table class="index"><thead><tr><th>Experiment</th><th>Kind</th><th>Date</th><th>Backend</th>' +
      '<th>Machine</th><th>Archs × proxies</th><th>Links</th></tr></thead><tbody>',
      ...entries.map(indexRow), '</tbody></table></div>');
  }
  parts.push('<h2 id="history">History</h2>');
  let n = 0;
  if (history.size === 0) {
    parts.push(`<p>No history yet: <code>zsnas site --record RESULTS_DIR --commit SHA</code> appends a run to <code>${escapeHtml(historyFile)}</code>.</p>`);
  }
  for (const [exp, charts] of history) {
    parts.push(`<h3>${escapeHtml(exp)}</h3>`);
    if (charts.correlation) parts.push(chartBlock(`history-${n++}`, charts.correlation));
    if (charts.latency) parts.push(chartBlock(`history-${n++}`, charts.latency));
    if (!charts.correlation && !charts.latency) parts.push('<p>No correlations or latency recorded.</p>');
  }
  return page({ title: 'zsnas: experiments and runs', root: '', body: parts.join('\n'), charts: n > 0 });
}
