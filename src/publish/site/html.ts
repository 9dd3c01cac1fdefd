// HTML building blocks of the Pages site: escaping, inline JSON, and the page frame. Every link is relative, because
// GitHub Pages serves a project site under /REPO/.

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside <script type="application/json">: no "</script>" or "<!--" can end or bend the element. */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  return json.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A chart container the page script fills with vega-embed; the spec rides along as inline JSON. */
export function chartBlock(id: string, spec: unknown, caption?: string): string {
  const cap = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : '';
  return `<figure class="chart-figure"><div class="chart" id="${escapeHtml(id)}" data-spec="${escapeHtml(id)}-spec"></div>${cap}` +
    `<script type="application/json" id="${escapeHtml(id)}-spec">${jsonForScript(spec)}</script></figure>`;
}

export interface PageOptions {
  title: string;
  /** Relative path from the page to the site root: '' for index.html, '../' one folder down. */
  root: string;
  body: string;
  /** Load vega + vega-lite + vega-embed and the chart script. */
  charts: boolean;
}

export function page(opts: PageOptions): string {
  const r = opts.root;
  const scripts = opts.charts
    ? ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'site.js'].map((f) => `<script src="${r}assets/${f}" defer></script>`).join('\n')
    : '';
  const back = r ? `<nav><a href="${r}index.html">← All experiments and runs</a></nav>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${r}assets/site.css">
${scripts}
</head>
<body>
${back}
<main>
${opts.body}
</main>
<footer>Built by <code>zsnas site</code> from the committed reports and baselines.</footer>
</body>
</html>
`;
}
