// Markdown tables become HTML tables cell for cell: '\|' (the table's escape, also inside code) is a literal pipe,
// and '<', '&' and quotes are escaped, so arch strings and error messages can neither split cells nor inject markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownTable } from 'markdown-table';
import { cell } from '../../src/report/format.js';
import { markdownToHtml } from '../../src/publish/site/markdown-html.js';
import { NB201_ARCHS } from './fixture.js';

function cells(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => c[1]!));
}

test('arch strings full of | survive a GFM table as one code cell each', () => {
  const md = markdownTable([['arch', 'ms'], ...NB201_ARCHS.map((a, i) => [`\`${cell(a)}\``, String(i + 1)])], { align: ['l', 'r'] });
  const rows = cells(markdownToHtml(md));
  assert.equal(rows.length, 1 + NB201_ARCHS.length);
  assert.deepEqual(rows.slice(1), NB201_ARCHS.map((a, i) => [`<code>${a}</code>`, String(i + 1)]));
  assert.match(markdownToHtml(md), /<td style="text-align:right">1<\/td>/, 'column alignment is kept');
});

test('<, &, quotes and tags in cells are escaped; only harmless inline tags pass', () => {
  const md = [
    '| what | detail |',
    '| :-- | --: |',
    '| `a<b>&"c"` | x < y && <script>alert(1)</script> |',
    '| <img src=x onerror=alert(1)> | <sub>small</sub> **bold** a\\|b |',
    '| [bad](javascript:alert(1)) | [ok](notes.md) |',
  ].join('\n');
  const html = markdownToHtml(md);
  assert.deepEqual(cells(html), [
    ['what', 'detail'],
    ['<code>a&lt;b&gt;&amp;&quot;c&quot;</code>', 'x &lt; y &amp;&amp; &lt;script&gt;alert(1)&lt;/script&gt;'],
    ['&lt;img src=x onerror=alert(1)&gt;', '<sub>small</sub> <strong>bold</strong> a|b'],
    ['bad', '<a href="notes.md">ok</a>'],
  ]);
  assert.doesNotMatch(html, /<script|<img|javascript:/);
});

test('headings, paragraphs, lists, details and code fences around tables', () => {
  const md = [
    '<!-- zsnas:pr-check -->', '### zsnas · `pr-check`', '', '**❌ 1 regression**', '',
    '<details><summary>Scores (2 archs)</summary>', '', '| a | b |', '|---|---|', '| 1 | 2 |', '', '</details>', '',
    '- one', '  continued', '- two', '', '```sh', 'zsnas site <x>', '```',
  ].join('\n');
  assert.equal(markdownToHtml(md, { headingShift: 1 }), [
    '<h4>zsnas · <code>pr-check</code></h4>',
    '<p><strong>❌ 1 regression</strong></p>',
    '<details><summary>Scores (2 archs)</summary>',
    '<div class="table-wrap"><table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table></div>',
    '</details>',
    '<ul><li>one continued</li><li>two</li></ul>',
    '<pre><code class="language-sh">zsnas site &lt;x&gt;</code></pre>',
  ].join('\n'));
});
