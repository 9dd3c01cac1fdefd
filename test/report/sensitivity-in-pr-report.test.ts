// A run folder inside a sweep folder: its PR report carries the sweep's sensitivity as collapsed tables, one per
// factor, cells "rho (tau vs reference)", proxy names as code spans.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown } from '../../src/report/markdown.js';
import { sensitivity, type RunScores } from '../../src/stats/sensitivity.js';
import type { ReportInput } from '../../src/report/types.js';
import { fixtureInput } from './fixture.js';

test('the sweep section is in the report, collapsed, with the reference tau 1', () => {
  const archs = ['a', 'b', 'c', 'd'];
  const acc = new Map(archs.map((a, i) => [a, 80 + i]));
  const run = (v: number[]): RunScores => new Map([['snip', new Map(archs.map((a, i) => [a, v[i]]))]]);
  const s = sensitivity([{ name: 'batch_size', values: [{ label: '1', run: 'x' }, { label: '8', run: 'y' }], reference: '8' }],
    new Map([['x', run([1, 2, 4, 3])], ['y', run([1, 2, 3, 4])]]), acc, { bootstrap: 0 });
  const input: ReportInput = { ...fixtureInput({ nArchs: 4 }), sensitivity: s };
  const md = buildMarkdown(input);
  assert.match(md, /<summary>[^<]*Sensitivity to batch size \(2 settings\)/);
  assert.match(md, /\| `snip` +\| 0\.800 \(τ 0\.67\) \| 1\.000 \(τ 1\.00\) \|/);
});
