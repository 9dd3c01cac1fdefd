// `zsnas run --jobs 2` (two processes, merged) writes the same scores as a single-process run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';
import { readSpec } from '../../src/commands/spec-io.js';
import { runParallel } from '../../src/commands/parallel.js';

const ARCHS = [
  '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|',
  '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|',
  '|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
];

test('two jobs equal one process', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-jobs-'));
  const specPath = join(root, 'spec.yml');
  writeFileSync(specPath, `name: jobs-test
archs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 2 }, batch_size: 4, batches: 1 }
proxies: [params, grad_norm, naswot]
latency: { batch_sizes: [1], warmup: 1, min_samples: 3, max_samples: 3, budget_ms: 50 }
backend: wasm
`);
  const stdout = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    assert.equal(await main(['run', specPath, '--out', join(root, 'one'), '--no-latency']), 0);
  } finally {
    process.stdout.write = stdout;
  }
  const spec = { ...readSpec(specPath), output: join(root, 'two') };
  const lines: string[] = [];
  const entry = resolve('test/helpers/cli-entry.ts');
  await runParallel(spec, { jobs: 2, args: [specPath], command: [process.execPath, '--import', 'tsx', entry], log: (l) => lines.push(l) });
  const rows = (d: string) => parseScoresCsv(readFileSync(join(root, d, 'scores.csv'), 'utf8')).map((r) => `${r.arch} ${r.proxy} ${r.value}`);
  assert.equal(rows('one').length, 9);
  assert.deepEqual(rows('two'), rows('one'));
  assert.ok(lines.some((l) => l.startsWith('[0/2]')) && lines.some((l) => l.startsWith('[1/2]')), 'child progress is relayed, tagged');
  const lat = readFileSync(join(root, 'two', 'latency.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(lat, ARCHS, 'latency measured afterwards for every arch');
  assert.equal(JSON.parse(readFileSync(join(root, 'two', 'run.json'), 'utf8')).jobs, 2);
});
