// `run --shard i/n` on every shard, then `merge`, gives the unsharded result: same archs in the same order and
// the same scores, bit for bit (timings aside); latency rows and samples for every arch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { runExperiment } from '../../src/commands/run.js';
import { cmdMerge } from '../../src/commands/merge.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';

const ARCHS = [
  '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|',
  '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|',
  '|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
];

function spec(out: string) {
  const text = `name: shard-test
archs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 2 }, batch_size: 4, batches: 1 }
proxies: [params, grad_norm, synflow]
latency: { batch_sizes: [1], warmup: 1, min_samples: 3, max_samples: 3, budget_ms: 50 }
backend: wasm
output: ${out}
`;
  return parseSpec(text, join(out, 'spec.yml'), specOptions());
}

const strip = (csv: string) => parseScoresCsv(csv).map((r) => `${r.arch},${r.proxy},${r.value},${r.status}`);

test('3 shards merged equal the unsharded run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-shard-'));
  const quiet = { log: () => {} };
  await runExperiment(spec(join(root, 'all')), quiet);
  const dirs = [0, 1, 2].map((i) => join(root, `shard-${i}`));
  for (const [i, d] of dirs.entries()) await runExperiment(spec(d), { ...quiet, shard: { index: i, count: 3 } });
  const shard1 = JSON.parse(readFileSync(join(dirs[1], 'run.json'), 'utf8'));
  assert.deepEqual(shard1.archs, [ARCHS[1], ARCHS[4]]);
  assert.equal(await cmdMerge([join(root, 'merged'), dirs[2], dirs[0], dirs[1]]), 0);
  const whole = strip(readFileSync(join(root, 'all', 'scores.csv'), 'utf8'));
  assert.equal(whole.length, 15);
  assert.deepEqual(strip(readFileSync(join(root, 'merged', 'scores.csv'), 'utf8')), whole);
  const m = JSON.parse(readFileSync(join(root, 'merged', 'run.json'), 'utf8'));
  assert.deepEqual(m.archs, ARCHS);
  assert.equal(m.shard, undefined);
  const lat = readFileSync(join(root, 'merged', 'latency.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
  assert.deepEqual(lat, ARCHS);
  await assert.rejects(cmdMerge([join(root, 'bad'), dirs[0], dirs[1]]), /missing shard\(s\) 2\/3/);
});
