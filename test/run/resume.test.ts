// `zsnas run` writes scores.csv and run.json atomically, never crashes for one bad arch, and resumes from the
// journal of an interrupted run (rows already done are not recomputed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { runExperiment, runKeyFor } from '../../src/commands/run.js';
import { Journal } from '../../src/commands/journal.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';

const A = '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';
const B = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

function spec(dir: string) {
  const text = `name: resume-test
archs: ['${A}', '${B}']
data: { gaussian: { seed: 1 }, batch_size: 4, batches: 1 }
proxies: [params, flops, grad_norm]
latency: false
backend: wasm
output: ${dir}
`;
  writeFileSync(join(dir, 'spec.yml'), text);
  return parseSpec(text, join(dir, 'spec.yml'), specOptions());
}

test('a full run writes one row per arch x proxy and a manifest, and no temp files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-run-'));
  const s = spec(dir);
  const r = await runExperiment(s, { log: () => {} });
  const rows = parseScoresCsv(readFileSync(join(dir, 'scores.csv'), 'utf8'));
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((x) => x.proxy), ['params', 'flops', 'grad_norm', 'params', 'flops', 'grad_norm']);
  assert.equal(rows[3].value, 73_306);
  assert.equal(rows[5].value, 0, 'all-none cells cut every path to the loss: zero gradient');
  assert.ok(rows.every((x) => x.status === 'ok'));
  const manifest = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  assert.equal(manifest.backend, 'wasm');
  assert.deepEqual(manifest.archs, [A, B]);
  assert.equal(manifest.spec.seed, 0);
  assert.ok(manifest.fingerprint.cores >= 1);
  assert.equal(r.scores.length, 6);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  assert.ok(!existsSync(join(dir, '.progress', 'scores.jsonl')), 'journal removed after a complete run');
});

test('an interrupted run resumes: journal rows are reused, the rest is computed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-resume-'));
  const s = spec(dir);
  // Simulate a run killed after arch A's grad_norm: its rows are in the journal (with a sentinel value), plus a torn line.
  const key = await runKeyFor(s);
  const j = Journal.open(join(dir, '.progress', 'scores.jsonl'), key);
  j.append([
    { arch: A, proxy: 'params', value: 1, status: 'ok', seconds: 0 },
    { arch: A, proxy: 'flops', value: 2, status: 'ok', seconds: 0 },
    { arch: A, proxy: 'grad_norm', value: 12345, status: 'ok', seconds: 0 },
  ]);
  writeFileSync(join(dir, '.progress', 'scores.jsonl'), readFileSync(join(dir, '.progress', 'scores.jsonl'), 'utf8') + '{"arch":"|no');
  const lines: string[] = [];
  await runExperiment(s, { log: (l) => lines.push(l) });
  const rows = parseScoresCsv(readFileSync(join(dir, 'scores.csv'), 'utf8'));
  assert.equal(rows.length, 6);
  assert.equal(rows[2].value, 12345, 'journal row reused, not recomputed');
  assert.equal(rows[3].value, 73_306, 'remaining arch computed');
  assert.ok(lines.some((l) => /resuming: 3 rows/.test(l)), lines.join('\n'));
});
