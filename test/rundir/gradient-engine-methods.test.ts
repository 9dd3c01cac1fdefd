// run.json records which methods a proxy with several ran (grasp's H·g: exact on onnxruntime or tfjs, or finite
// differences), from the rows' notes over all archs; the record is checked when a results folder is read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradEnginesOf } from '../../src/commands/run.js';
import { readResults } from '../../src/rundir/read.js';
import type { ScoreRow } from '../../src/results.js';
import { writeRunDir } from '../helpers/run-dir.js';

const row = (arch: string, proxy: string, engine: string, method?: string): ScoreRow =>
  ({ arch, proxy, value: 1, status: 'ok', seconds: 0, engine, ...(method ? { method } : {}) });

test('methods over the archs, sorted and without repeats; proxies without a method get none', () => {
  const r = gradEnginesOf([row('a', 'grasp', 'onnxruntime', 'exact'), row('b', 'grasp', 'tfjs', 'finite-difference'),
    row('c', 'grasp', 'onnxruntime', 'exact'), row('a', 'snip', 'onnxruntime')]);
  assert.deepEqual(r.gradEngines, {
    grasp: { engine: 'onnxruntime+tfjs', methods: ['exact', 'finite-difference'] },
    snip: { engine: 'onnxruntime' },
  });
});

test('a run.json with methods reads back; a method that is not a string is refused naming the field', () => {
  const dir = writeRunDir(['a', 'b']);
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  const proxy = readResults(dir).scores[0]!.proxy;
  run.gradEngines = { [proxy]: { engine: 'onnxruntime', methods: ['exact'] } };
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  assert.deepEqual(readResults(dir).manifest.gradEngines, { [proxy]: { engine: 'onnxruntime', methods: ['exact'] } });
  run.gradEngines[proxy].methods = [3];
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  assert.throws(() => readResults(dir), new RegExp(`gradEngines.${proxy}.methods\\[0\\]`));
});
