// The headline comes first: counts, the worst changes in words, what was compared on which machine, whether the
// check fails the job, links; the open table lists changed rows only, regressions first; no-baseline says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown, overallVerdict, verdictLine } from '../../src/report/markdown.js';
import { reportCounts } from '../../src/report/changes.js';
import { fixtureInput } from './fixture.js';
import { prCheckInput } from './demo-fixtures.js';

test('headline of a side-by-side run: counts, worst changes in words, comparing line, job status, links', () => {
  const md = buildMarkdown(prCheckInput());
  const lines = md.split('\n');
  assert.equal(lines[0], '<!-- zsnas:pr-check -->');
  assert.equal(lines[1], '### zsnas · `pr-check`');
  assert.equal(lines[3], '**❌ 2 regressions · ❔ 1 unsure · 13 unchanged**');
  assert.equal(lines[5], 'latency of `3/33/s33` 1.32× slower (+32%, 95% CI +25…+40%); `grad_norm` of `3/x3/sxx` −20% (worse); latency of `3/x3/sxx` unsure (+4%, 95% CI −1…+9%)');
  assert.equal(lines[7], 'Comparing head `3f9c2a1` with base `def5678` on `AMD EPYC 7763 64-Core Processor`, 4 cores, `wasm`, measured side by side. ' +
    '❗ **This check fails the job** (`fail-on-regression: true`). ' +
    '[workflow run](https://github.com/octo/zsnas/actions/runs/4242) · [results artifact](https://github.com/octo/zsnas/actions/runs/4242/artifacts/1717)');
  assert.equal(lines[9], '> ⚠️ **This PR changes how it is judged:** `src/proxies/grad_norm.ts`. Thresholds, baseline and spec were taken from the base; review these changes by hand.');
  assert.deepEqual(reportCounts(prCheckInput()).regression, 2);
  assert.equal(overallVerdict(prCheckInput().comparison, prCheckInput().latencyAb), 'regression');
});

test('without A/B rows the committed comparison decides, and the changed table lists regressions first', () => {
  const md = buildMarkdown(fixtureInput(), { commit: 'abcdef0123456789abcdef0123456789abcdef01' });
  assert.ok(md.includes('\n**❌ 2 regressions · ✅ 1 improvement · 37 unchanged**\n'));
  assert.ok(md.includes('Comparing head `abcdef0` with the committed baseline on `AMD EPYC 7763`, 4 cores, `wasm`.'));
  const changed = md.slice(md.indexOf('#### Changed'), md.indexOf('<details>'));
  const verdicts = [...changed.matchAll(/\| ([❌✅⚪]) (\w+) \|$/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(verdicts, ['❌ slower', '❌ dropped', '✅ better']);
  assert.ok(md.includes('<summary>Unchanged (37)</summary>'));
  assert.ok(md.includes('| `nb201-1000` | latency |') && md.includes('| +25% | ❌ slower |'));
});

test('no baseline: the comparison message, escaped, and the overall verdict is no-baseline', () => {
  const input = fixtureInput();
  input.comparison = { experiment: 'pr-check', baselineFound: false, message: 'baselines/pr-check.json not found', items: [], counts: { regression: 0, improvement: 0, unchanged: 0, added: 0, removed: 0, incomparable: 0 } };
  assert.equal(verdictLine(input.comparison), 'ℹ️ **No baseline:** baselines/pr-check.json not found. Run the action with `mode: baseline` on the base branch to create one.');
  assert.equal(overallVerdict(input.comparison), 'no-baseline');
  const md = buildMarkdown(input);
  assert.ok(md.includes('ℹ️ **No baseline:** baselines\\/pr\\-check\\.json not found.'));
  assert.ok(!md.includes('#### Changed'));
});
