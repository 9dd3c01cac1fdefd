// `merge --partial`: the shards that finished give the archs at their sample positions (p % n held) with the
// unsharded run's scores, and run.json says which shards; joined onto a run of every arch (`merge --proxies`),
// the archs the partial run did not reach are error rows saying so, and each proxy's n is what it scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampledSpec } from '../helpers/sample-spec.js';
import { runExperiment } from '../../src/commands/run.js';
import { cmdMerge } from '../../src/commands/merge.js';
import { readResults } from '../../src/rundir/read.js';

const spec = (out: string, proxies: string[]) => sampledSpec('partial-test', out, proxies);

test('shards 0 and 2 of 3 merged with --partial hold sample positions 0,2,3,5,6 with the unsharded scores', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-partial-'));
  const quiet = { log: () => {} };
  const all = join(root, 'all');
  await runExperiment(spec(all, ['params', 'synflow']), quiet);
  const dirs = [0, 2].map((i) => join(root, `shard-${i}`));
  for (const [k, d] of dirs.entries()) await runExperiment(spec(d, ['synflow']), { ...quiet, shard: { index: [0, 2][k], count: 3 } });
  await assert.rejects(cmdMerge([join(root, 'strict'), ...dirs]), /missing shard\(s\) 1\/3/);
  assert.equal(await cmdMerge(['--partial', join(root, 'part'), dirs[1], dirs[0]]), 0);
  const whole = readResults(all);
  const part = readResults(join(root, 'part'));
  assert.deepEqual(part.manifest.archs, [0, 2, 3, 5, 6].map((p) => whole.manifest.archs[p]));
  assert.deepEqual(part.manifest.shards, { held: [0, 2], count: 3 });
  const synflow = (r: typeof whole) => new Map(r.scores.filter((s) => s.proxy === 'synflow').map((s) => [s.arch, s.value]));
  for (const [a, v] of synflow(part)) assert.equal(v, synflow(whole).get(a));

  // The whole run without synflow, joined with the partial synflow run.
  const base = join(root, 'base');
  await runExperiment(spec(base, ['params']), quiet);
  assert.equal(await cmdMerge(['--proxies', join(root, 'joined'), base, join(root, 'part')]), 0);
  const joined = readResults(join(root, 'joined'));
  assert.deepEqual(joined.manifest.archs, whole.manifest.archs);
  const rows = joined.scores.filter((s) => s.proxy === 'synflow');
  assert.equal(rows.filter((s) => s.status !== 'error').length, 5);
  for (const p of [1, 4]) {
    const arch = whole.manifest.archs[p];
    assert.equal(rows.find((s) => s.arch === arch)!.status, 'error');
    const msg = joined.manifest.errors.find((e) => e.arch === arch && e.proxy === 'synflow')!.error;
    assert.equal(msg, 'not scored: synflow ran on shards 0,2 of 3 (5 of 7 archs) for time');
  }
  const text = readFileSync(join(root, 'joined', 'scores.csv'), 'utf8');
  assert.equal(text.trim().split('\n').length, 1 + 7 * 2);
  // A partial run is never the first (it would set the archs) and a whole run with fewer archs never joins.
  await assert.rejects(cmdMerge(['--proxies', join(root, 'bad'), join(root, 'part'), base]), /base.*archs differ.*2 extra/s);
});
