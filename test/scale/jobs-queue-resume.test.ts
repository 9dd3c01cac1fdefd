// An interrupted `zsnas run --jobs 2` resumes: the archs a worker's journal holds in full stay with that worker (not
// recomputed, not handed to the other), the rest is shared out, and the merged result is in the run's arch order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';
import { readSpec } from '../../src/commands/spec-io.js';
import { runParallel } from '../../src/commands/parallel.js';
import { runKeyFor } from '../../src/commands/run.js';
import { Journal } from '../../src/commands/journal.js';

const ARCHS = [
  '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|',
  '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|',
  '|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
];

test('a worker keeps the archs its journal holds; the merged result keeps the arch order', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-jobs-resume-'));
  const specPath = join(root, 'spec.yml');
  writeFileSync(specPath, `name: jobs-resume
archs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 2 }, batch_size: 4, batches: 1 }
proxies: [params, grad_norm]
latency: false
backend: wasm
`);
  const spec = { ...readSpec(specPath), output: join(root, 'out') };
  // Worker 1 had finished the heaviest arch (the queue's first) before the interruption: sentinel values mark its rows.
  const held = ARCHS[2];
  const journal = Journal.open(join(root, 'out', '.shards', '1', '.progress', 'scores.jsonl'), await runKeyFor(spec));
  journal.append([
    { arch: held, proxy: 'params', value: -1, status: 'ok', seconds: 0 },
    { arch: held, proxy: 'grad_norm', value: -2, status: 'ok', seconds: 0 },
  ]);
  const entry = resolve('test/helpers/cli-entry.ts');
  await runParallel(spec, { jobs: 2, args: [specPath], command: [process.execPath, '--import', 'tsx', entry], log: () => {} });
  const rows = parseScoresCsv(readFileSync(join(root, 'out', 'scores.csv'), 'utf8'));
  assert.deepEqual(rows.map((r) => r.arch), ARCHS.flatMap((a) => [a, a]));
  assert.deepEqual(rows.filter((r) => r.arch === held).map((r) => r.value), [-1, -2], 'journal rows reused, not recomputed');
  assert.equal(rows.find((r) => r.arch === ARCHS[1] && r.proxy === 'grad_norm')!.value, 0, 'the all-none cell: zero gradient');
  const shardArchs = (i: number) => JSON.parse(readFileSync(join(root, 'out', '.shards', String(i), 'run.json'), 'utf8')).archs as string[];
  assert.ok(shardArchs(1).includes(held) && !shardArchs(0).includes(held), 'the held arch stayed with worker 1');
  assert.deepEqual([...shardArchs(0), ...shardArchs(1)].sort(), [...ARCHS].sort(), 'every arch scored by exactly one worker');
});
