// A report too large for a comment is cut under 65,536 characters, keeps marker/verdict/changed rows, and says what was cut.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown, COMMENT_MAX_CHARS } from '../../src/report/markdown.js';
import type { ComparisonItem } from '../../src/compare/types.js';
import { counts, fixtureInput } from './fixture.js';

test('a small report is complete and has no truncation note', () => {
  const md = buildMarkdown(fixtureInput());
  assert.ok(md.length < COMMENT_MAX_CHARS);
  assert.ok(!md.includes('Truncated'));
  assert.ok(md.includes('<summary>Proxy scores per architecture'));
});

test('a 3,000-arch report drops the largest <details> sections first and stays under the limit', () => {
  const md = buildMarkdown(fixtureInput({ nArchs: 3000 }), {});
  assert.ok(md.length <= COMMENT_MAX_CHARS, `length ${md.length}`);
  assert.ok(md.startsWith('<!-- zsnas:pr-check -->\n'));
  assert.ok(md.includes('**❌ 2 regressions · ✅ 1 improvement · 37 unchanged**'));
  assert.match(md, /✂️ \*\*Truncated\*\* to fit the 65,536-character limit: omitted “[^”]+”(; omitted “[^”]+”)*\./);
  assert.ok(md.includes('omitted “Proxy scores per architecture (3000 archs × 3 proxies, 1 not finite)”'));
  assert.ok(!md.includes('<summary>Latency') && !md.includes('<summary>Proxy scores'));
  assert.ok(md.includes('[the full report](') === false && md.includes('`report/report.md`'), 'points at the artifact');
  // Small sections survive; the changed table is whole.
  assert.ok(md.includes('<summary>Run details'));
  assert.equal((md.match(/ \| ❌ \w+ \|$/gm) ?? []).length, 2);
});

test('when even the changed table is too long, its first rows are kept and the cut is stated', () => {
  const items: ComparisonItem[] = Array.from({ length: 5000 }, (_, i) => ({
    kind: 'score', key: 'synflow', metric: `nb201-${i}`, baseline: 1, current: 2, delta: 1, verdict: 'regression', detail: 'rel. change 100% > 1e-6',
  }));
  const input = fixtureInput({ items });
  input.fullReportUrl = 'https://github.com/octo/zsnas-demo/actions/runs/4242';
  const md = buildMarkdown(input, { maxChars: 20000 });
  assert.ok(md.length <= 20000, `length ${md.length}`);
  const rows = (md.match(/ \| ❌ \w+ \|$/gm) ?? []).length;
  assert.ok(rows > 50 && rows < 5000, `rows kept: ${rows}`);
  assert.match(md, new RegExp(`_… ${5000 - rows} more rows cut to fit; see the full report._`));
  assert.ok(md.includes('cut rows of “Changed”') && md.includes('[the full report](https://github.com/octo/zsnas-demo/actions/runs/4242)'));
});
