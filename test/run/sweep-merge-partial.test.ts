// `zsnas sweep --merge --partial`: the shards that finished are joined run by run (an unbiased subsample at their
// sample positions, run.json saying which shards) and analysed; without --partial a missing shard is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';

const ARCHS = ['8:8:8:8:8', '16:8:24:8:32', '64:8:8:16:8', '8:32:16:48:16', '24:24:24:24:24', '40:16:8:56:64'];

let stderr = '';
const quiet = async (argv: string[]) => {
  const [out, err] = [process.stdout.write, process.stderr.write];
  stderr = '';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { stderr += s; return true; }) as typeof process.stderr.write;
  try { return await main(argv); } finally { process.stdout.write = out; process.stderr.write = err; }
};

test('shards 0 and 2 of 3 join with --partial into runs of their 4 archs; without it, shard 1/3 is named missing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-sweep-partial-'));
  writeFileSync(join(dir, 'acc.csv'), `arch,acc\n${ARCHS.map((a, i) => `${a},${[71, 80, 77, 83, 85, 90][i]}`).join('\n')}\n`);
  writeFileSync(join(dir, 'spec.yml'), `name: sweep-partial
space: nats-sss
archs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 1 }, batch_size: 4, batches: 1 }
proxies: [params, l2_norm]
sweep: { batch_size: [2, 4], init: [pytorch, xavier_normal] }
ground_truth: { path: acc.csv, column: acc }
latency: false
backend: wasm
`);
  const spec = join(dir, 'spec.yml');
  for (const i of [0, 2]) assert.equal(await quiet(['sweep', spec, '--shard', `${i}/3`, '--out', join(dir, `s${i}`)]), 0);
  assert.notEqual(await quiet(['sweep', spec, '--merge', join(dir, 's0'), join(dir, 's2'), '--out', join(dir, 'refused')]), 0);
  assert.match(stderr, /missing shard\(s\) 1\/3/);
  assert.ok(!existsSync(join(dir, 'refused')), 'nothing written');
  assert.notEqual(await quiet(['sweep', spec, '--partial', '--out', join(dir, 'x')]), 0);
  assert.match(stderr, /--partial goes with --merge/);

  assert.equal(await quiet(['sweep', spec, '--merge', '--partial', join(dir, 's0'), join(dir, 's2'), '--out', join(dir, 'm'), '--bootstrap', '20']), 0);
  for (const id of ['b2-pytorch', 'b4-pytorch', 'b4-xavier_normal']) {
    const run = JSON.parse(readFileSync(join(dir, 'm', id, 'run.json'), 'utf8'));
    // Positions 0, 2, 3, 5 (p % 3 in {0, 2}), in sample order.
    assert.deepEqual(run.archs, [ARCHS[0], ARCHS[2], ARCHS[3], ARCHS[5]], id);
    assert.deepEqual(run.shards, { held: [0, 2], count: 3 }, id);
  }
  assert.ok(existsSync(join(dir, 'm', 'sensitivity.json')));
  assert.match(readFileSync(join(dir, 'm', 'sensitivity.md'), 'utf8'), /4 NATS-Bench SSS archs/);
});
