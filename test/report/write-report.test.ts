// writeReport leaves report.md, input.json and three files per chart, and no temp files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/render.js';
import { deserializeInput } from '../../src/report/types.js';
import { fixtureInput } from './fixture.js';

test('writes the report folder atomically', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-report-'));
  const input = fixtureInput();
  const out = await writeReport(dir, input);
  assert.deepEqual(out.warnings, []);
  const files = readdirSync(join(dir, 'report')).sort();
  const charts = ['change', 'correlation', 'latency-ab', 'latency-distribution', 'latency-pareto', 'proxy-vs-accuracy'];
  assert.deepEqual(files, ['input.json', 'report.md', ...charts.flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`])].sort());
  const md = readFileSync(out.markdownPath, 'utf8');
  assert.ok(md.includes('![Rank correlation with accuracy per proxy](./correlation.png)'));
  const vl = JSON.parse(readFileSync(join(dir, 'report', 'correlation.vl.json'), 'utf8'));
  assert.equal(vl.$schema, 'https://vega.github.io/schema/vega-lite/v6.json');
  const back = deserializeInput(JSON.parse(readFileSync(out.inputPath, 'utf8')));
  assert.equal(back.accuracy?.size, 40);
  assert.equal(back.accuracy?.get('nb201-1000'), input.accuracy?.get('nb201-1000'));
});
