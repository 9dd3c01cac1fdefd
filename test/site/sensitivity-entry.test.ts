// A committed sweep folder (sensitivity.json + sensitivity.md) is a site entry of kind 'sensitivity' with its
// four charts drawn from the JSON (batch size and init: correlation and rank stability) and its Markdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isReportFolder, reportEntry } from '../../src/publish/site/report-entry.js';
import { sensitivity, type RunScores } from '../../src/stats/sensitivity.js';
import { sensitivityMarkdown } from '../../src/report/sensitivity-section.js';
import { toJson } from '../../src/io/atomic.js';

test('sensitivity.json makes a report folder with 4 charts and the section Markdown', () => {
  const archs = ['a', 'b', 'c', 'd'];
  const acc = new Map(archs.map((a, i) => [a, 80 + i]));
  const run = (v: number[]): RunScores => new Map([['snip', new Map(archs.map((a, i) => [a, v[i]]))]]);
  const runs = new Map([['b1-pytorch', run([1, 2, 4, 3])], ['b8-pytorch', run([1, 2, 3, 4])], ['b8-xavier_normal', run([2, 1, 3, 4])]]);
  const s = sensitivity([
    { name: 'batch_size', values: [{ label: '1', run: 'b1-pytorch' }, { label: '8', run: 'b8-pytorch' }], reference: '8' },
    { name: 'init', values: [{ label: 'pytorch', run: 'b8-pytorch' }, { label: 'xavier_normal', run: 'b8-xavier_normal' }], reference: 'pytorch' },
  ], runs, acc, { bootstrap: 20 });
  const root = mkdtempSync(join(tmpdir(), 'zsnas-site-sens-'));
  const dir = join(root, 'abl');
  mkdirSync(dir);
  writeFileSync(join(dir, 'sensitivity.json'), toJson({ experiment: 'abl', archs: 4, ...s }));
  writeFileSync(join(dir, 'sensitivity.md'), sensitivityMarkdown(s, { archs: '4 test archs', groundTruth: 'made-up accuracy' }));
  assert.ok(isReportFolder(dir));
  const e = reportEntry(root, 'abl', 'abl');
  assert.equal(e.kind, 'sensitivity');
  assert.deepEqual(e.problems, []);
  assert.equal(e.title, 'abl');
  assert.equal(e.archs, 4);
  assert.deepEqual(e.charts.map((c) => c.title), [
    'Spearman ρ with accuracy vs batch size', 'Rank stability across batch size (Kendall τ vs 8)',
    'Spearman ρ with accuracy vs weight init', 'Rank stability across weight init (Kendall τ vs pytorch)',
  ]);
  assert.match(e.markdown.map((m) => m.md).join('\n'), /\| snip +\| +0\.667 \| +1 \|/);
});
