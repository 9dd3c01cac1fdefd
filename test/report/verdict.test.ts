// The verdict comes first; the open table lists changed items only, regressions first; no-baseline says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown, overallVerdict, verdictLine } from '../../src/report/markdown.js';
import { fixtureInput } from './fixture.js';

test('verdict line and changed table order', () => {
  const md = buildMarkdown(fixtureInput(), { commit: 'abcdef0123456789abcdef0123456789abcdef01' });
  const lines = md.split('\n');
  assert.equal(lines[0], '<!-- zsnas:pr-check -->');
  assert.equal(lines[3], '**❌ 2 regressions · ✅ 1 improvement · 37 unchanged**');
  assert.ok(md.includes('commit `abcdef0`'));
  const changed = md.slice(md.indexOf('#### Changed'), md.indexOf('<details>'));
  const icons = [...changed.matchAll(/^\| (\S+) \|/gm)].map((m) => m[1]).filter((s) => s !== 'Kind' && s !== ':-:');
  assert.deepEqual(icons, ['❌', '❌', '✅']);
  assert.ok(!changed.includes('⚪'), 'unchanged items are not in the open table');
  assert.ok(md.includes('<summary>Unchanged comparisons (37)</summary>'));
  assert.ok(md.includes('| ❌ | latency | `nb201-1000` | batch=1 |') && md.includes('×1.25'));
});

test('no baseline: the comparison message, and the overall verdict is no-baseline', () => {
  const input = fixtureInput();
  input.comparison = { experiment: 'pr-check', baselineFound: false, message: 'baselines/pr-check.json not found', items: [], counts: { regression: 0, improvement: 0, unchanged: 0, added: 0, removed: 0, incomparable: 0 } };
  assert.equal(verdictLine(input.comparison), 'ℹ️ **No baseline:** baselines/pr-check.json not found. Run the action with `mode: baseline` on the base branch to create one.');
  assert.equal(overallVerdict(input.comparison), 'no-baseline');
  assert.ok(!buildMarkdown(input).includes('#### Changed'));
});
