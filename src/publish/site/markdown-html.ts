// A small Markdown -> HTML converter for what zsnas writes: GFM tables, headings, paragraphs, lists, fenced code,
// blockquotes, <details>/<summary> and <sub>. Everything else that looks like HTML is escaped, so a report (whose arch
// strings hold '|', '<' or '&') can never inject markup into the site.
import { escapeHtml } from './html.js';

export interface MarkdownHtmlOptions {
  /** Rewrites a relative link or image target; return null to drop an image (e.g. a chart shown interactively). */
  resolve?: (href: string, kind: 'link' | 'image') => string | null;
  /** Added to every heading level (a document's h1 under the page's own h1 becomes h2); capped at h6. */
  headingShift?: number;
}

const ESCAPABLE = /\\([!-/:-@[-`{-~])/g;
/** Private-use characters stand in for escaped punctuation and code spans while emphasis and links are parsed. */
const HOLD = /\uE000(\d+)\uE001/g;
const SAFE_TAGS = /&lt;(\/?)(sub|sup|b|i|kbd|br)&gt;/g;

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^(javascript|data|vbscript):/i.test(h.replace(/[\s\u0000-\u001f]/g, ''))) return null;
  return h;
}

/** Inline Markdown: code spans, backslash escapes, images, links, bold, italics, a few harmless tags. */
export function inlineHtml(text: string, opts: MarkdownHtmlOptions = {}): string {
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE001`;
  let s = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_m, _ticks: string, code: string) => {
    const c = code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code;
    return hold(`<code>${escapeHtml(c)}</code>`);
  });
  s = s.replace(ESCAPABLE, (_m, ch: string) => hold(escapeHtml(ch)));
  s = escapeHtml(s);
  // Targets were escaped with the rest of the text: resolve the raw form, then escape the result for the attribute.
  const target = (escaped: string, kind: 'link' | 'image'): string | null => {
    const raw = unescapeHtml(escaped);
    const t = opts.resolve ? opts.resolve(raw, kind) : raw;
    const safe = t === null ? null : safeHref(t);
    return safe === null ? null : escapeHtml(safe);
  };
  // Targets may hold one level of balanced parentheses, as in GFM.
  s = s.replace(/!\[([^\]]*)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_m, alt: string, src: string) => {
    const t = target(src, 'image');
    return t ? hold(`<img alt="${alt}" src="${t}">`) : '';
  });
  s = s.replace(/\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_m, label: string, href: string) => {
    const t = target(href, 'link');
    return t ? `<a href="${t}">${label}</a>` : label;
  });
  s = s.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1<em>$2</em>');
  s = s.replace(SAFE_TAGS, '<$1$2>');
  // Held pieces may nest (a code span inside a link label), so restore until none is left.
  for (let i = 0; i < 3 && HOLD.test(s); i++) s = s.replace(HOLD, (_m, n: string) => held[Number(n)]!);
  return s;
}

/** Splits a GFM table row on unescaped pipes (also inside code spans, as GFM does), then unescapes '\|'. */
export function splitRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && t[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (t[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += t[i];
  }
  cells.push(cur);
  // '\|' is the table's escape, not Markdown's: inside code it must become a bare pipe too.
  return cells.map((c) => c.trim().replace(/\\\|/g, '|'));
}

const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function tableHtml(lines: string[], opts: MarkdownHtmlOptions): string {
  const head = splitRow(lines[0]!);
  const aligns = splitRow(lines[1]!).map((d) => (d.startsWith(':') && d.endsWith(':') ? 'center' : d.endsWith(':') ? 'right' : d.startsWith(':') ? 'left' : ''));
  const td = (tag: string, text: string, i: number) => `<${tag}${aligns[i] ? ` style="text-align:${aligns[i]}"` : ''}>${inlineHtml(text, opts)}</${tag}>`;
  const rows = lines.slice(2).map((l) => {
    const cells = splitRow(l);
    return `<tr>${head.map((_h, i) => td('td', cells[i] ?? '', i)).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table>\n<thead><tr>${head.map((h, i) => td('th', h, i)).join('')}</tr></thead>\n` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

const LIST_ITEM = /^\s{0,3}([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(```+|~~~+)\s*([\w-]*)\s*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const DETAILS_OPEN = /^\s*<details>\s*(?:<summary>(.*)<\/summary>)?\s*$/i;
const DETAILS_CLOSE = /^\s*<\/details>\s*$/i;

function startsBlock(lines: string[], i: number): boolean {
  const l = lines[i]!;
  return HEADING.test(l) || FENCE.test(l) || LIST_ITEM.test(l) || /^\s*>/.test(l) || DETAILS_OPEN.test(l) || DETAILS_CLOSE.test(l) ||
    /^\s*<!--/.test(l) || (l.includes('|') && DELIMITER_ROW.test(lines[i + 1] ?? ''));
}

/** Converts a Markdown document to an HTML fragment. */
export function markdownToHtml(md: string, opts: MarkdownHtmlOptions = {}): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') { i++; continue; }
    if (/^\s*<!--/.test(line)) {
      while (i < lines.length && !lines[i]!.includes('-->')) i++;
      i++;
      continue;
    }
    const details = DETAILS_OPEN.exec(line);
    if (details) {
      out.push(`<details>${details[1] !== undefined ? `<summary>${inlineHtml(details[1], opts)}</summary>` : ''}`);
      i++;
      continue;
    }
    if (DETAILS_CLOSE.test(line)) { out.push('</details>'); i++; continue; }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence[1]!); i++) body.push(lines[i]!);
      i++;
      out.push(`<pre><code${fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : ''}>${escapeHtml(body.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const n = Math.min(6, heading[1]!.length + (opts.headingShift ?? 0));
      out.push(`<h${n}>${inlineHtml(heading[2]!, opts)}</h${n}>`);
      i++;
      continue;
    }
    if (line.includes('|') && DELIMITER_ROW.test(lines[i + 1] ?? '')) {
      const rows = [line, lines[i + 1]!];
      for (i += 2; i < lines.length && lines[i]!.trim() !== '' && lines[i]!.includes('|'); i++) rows.push(lines[i]!);
      out.push(tableHtml(rows, opts));
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && /^\s*>/.test(lines[i]!); i++) quoted.push(lines[i]!.replace(/^\s*> ?/, ''));
      out.push(`<blockquote>${markdownToHtml(quoted.join('\n'), opts)}</blockquote>`);
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[1]!);
      const items: string[] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (m) items.push(m[2]!);
        else if (lines[i]!.trim() !== '' && /^\s+/.test(lines[i]!) && items.length) items[items.length - 1] += ` ${lines[i]!.trim()}`;
        else break;
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.map((t) => `<li>${inlineHtml(t, opts)}</li>`).join('')}</${tag}>`);
      continue;
    }
    const para: string[] = [line.trim()];
    for (i++; i < lines.length && lines[i]!.trim() !== '' && !startsBlock(lines, i); i++) para.push(lines[i]!.trim());
    const html = inlineHtml(para.join('\n'), opts);
    if (html.trim() !== '') out.push(`<p>${html}</p>`);
  }
  return out.join('\n');
}
