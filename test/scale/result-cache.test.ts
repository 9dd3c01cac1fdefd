// With a result cache, a second run re-scores nothing and writes the same scores; changing a proxy option or
// the seed misses the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { runExperiment } from '../../src/commands/run.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';
import { cacheKey } from '../../src/cache/result-cache.js';

const A = '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';
const B = '|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|';

function spec(out: string, seed = 0) {
  return parseSpec(`name: cache-test
seed: ${seed}
archs: ['${A}', '${B}']
data: { gaussian: { seed: 2 }, batch_size: 4, batches: 1 }
proxies: [params, grad_norm, { name: grasp, options: { eps: 0.001 } }]
latency: false
backend: wasm
output: ${out}
`, join(out, 'spec.yml'), specOptions());
}

test('second run: every result from the cache, identical scores.csv', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-cache-'));
  const cacheDir = join(root, 'cache');
  const first = await runExperiment(spec(join(root, 'a')), { log: () => {}, cacheDir });
  assert.deepEqual(first.cache, { hits: 0, misses: 6 });
  const second = await runExperiment(spec(join(root, 'b')), { log: () => {}, cacheDir });
  assert.deepEqual(second.cache, { hits: 6, misses: 0 });
  const values = (d: string) => parseScoresCsv(readFileSync(join(root, d, 'scores.csv'), 'utf8')).map((r) => [r.arch, r.proxy, r.value]);
  assert.deepEqual(values('b'), values('a'));
  const third = await runExperiment(spec(join(root, 'c'), 1), { log: () => {}, cacheDir });
  assert.deepEqual(third.cache, { hits: 0, misses: 6 }, 'another seed is another key');
});

test('keys: option order does not matter, option values do', () => {
  const base = { space: 'nb201', dataset: 'cifar10', arch: A, proxy: 'grasp', seed: 0, dataHash: 'h', backend: 'wasm', versions: { a: '1' } };
  assert.equal(cacheKey({ ...base, options: { eps: 1e-3, x: 1 } }), cacheKey({ ...base, options: { x: 1, eps: 1e-3 } }));
  assert.notEqual(cacheKey({ ...base, options: { eps: 1e-3 } }), cacheKey({ ...base, options: { eps: 2e-3 } }));
  assert.notEqual(cacheKey({ ...base, options: {} }), cacheKey({ ...base, options: {}, versions: { a: '2' } }));
});
