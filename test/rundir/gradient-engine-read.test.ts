// A results folder's rows carry the gradient engine run.json records for their proxy (scores.csv has no column for
// it), so `baseline update` and `compare` from a folder know which engine computed each score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../src/rundir/read.js';
import { writeRunDir } from '../helpers/run-dir.js';

test('rows of a proxy named in run.json gradEngines carry its engine; other proxies none', () => {
  const dir = writeRunDir(['a', 'b']);
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  const proxies = [...new Set(readResults(dir).scores.map((r) => r.proxy))];
  assert.ok(proxies.length >= 2, 'fixture has two proxies');
  run.gradEngines = { [proxies[0]!]: { engine: 'onnxruntime' } };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  const rows = readResults(dir).scores;
  for (const r of rows) assert.equal(r.engine, r.proxy === proxies[0] ? 'onnxruntime' : undefined, `${r.arch} ${r.proxy}`);
  assert.equal(rows.filter((r) => r.engine === 'onnxruntime').length, 2);
});
