// `merge` takes earlier partial merges as the shards they hold: shards 0 and 1 merged with --partial, then shard 2
// that finished later, give the unsharded run's archs in sample order and its scores. Shard 2 scored one proxy
// fewer: that proxy's rows on shard 2's archs are error rows saying where it ran, so its n is what it scored.
// A shard that gives a proxy other options than the shard that scored it before is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampledSpec } from '../helpers/sample-spec.js';
import { runExperiment } from '../../src/commands/run.js';
import { cmdMerge } from '../../src/commands/merge.js';
import { readResults } from '../../src/rundir/read.js';

const spec = (out: string, proxies: string[]) => sampledSpec('partial-merges', out, proxies);

test('a partial merge plus a later shard with one proxy fewer: sample order, same scores, error rows where not scored', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-partial-merges-'));
  const quiet = { log: () => {} };
  const all = join(root, 'all');
  await runExperiment(spec(all, ['params', 'synflow']), quiet);
  const d = (i: number) => join(root, `shard-${i}`);
  for (const i of [0, 1]) await runExperiment(spec(d(i), ['params', 'synflow']), { ...quiet, shard: { index: i, count: 3 } });
  await runExperiment(spec(d(2), ['params']), { ...quiet, shard: { index: 2, count: 3 } });
  assert.equal(await cmdMerge(['--partial', join(root, 'p01'), d(1), d(0)]), 0);
  assert.equal(await cmdMerge([join(root, 'whole'), d(2), join(root, 'p01')]), 0);

  const want = readResults(all);
  const got = readResults(join(root, 'whole'));
  assert.deepEqual(got.manifest.archs, want.manifest.archs);
  assert.equal(got.manifest.shards, undefined, 'all three shards: not partial');
  assert.deepEqual(got.manifest.proxies!.map((p) => p.name), ['params', 'synflow']);
  const value = (r: typeof want, proxy: string) => new Map(r.scores.filter((s) => s.proxy === proxy).map((s) => [s.arch, s]));
  for (const [arch, row] of value(got, 'params')) assert.equal(row.value, value(want, 'params').get(arch)!.value);
  const shard2 = [2, 5].map((p) => want.manifest.archs[p]);
  for (const [arch, row] of value(got, 'synflow')) {
    if (shard2.includes(arch)) {
      assert.equal(row.status, 'error');
      assert.equal(got.manifest.errors.find((e) => e.arch === arch && e.proxy === 'synflow')!.error,
        'not scored: synflow ran on shards 0,1 of 3 (5 of 7 archs)');
    } else {
      assert.equal(row.value, value(want, 'synflow').get(arch)!.value);
    }
  }
  assert.equal(readFileSync(join(root, 'whole', 'scores.csv'), 'utf8').trim().split('\n').length, 1 + 7 * 2);

  // The same shard 2 claiming other params options than shards 0 and 1 ran with.
  const m = JSON.parse(readFileSync(join(d(2), 'run.json'), 'utf8'));
  m.spec.proxies[0].options = { other: 1 };
  writeFileSync(join(d(2), 'run.json'), JSON.stringify(m));
  await assert.rejects(cmdMerge([join(root, 'bad'), d(2), join(root, 'p01')]), /proxy options {"name":"params","options":{}} differs from {"name":"params","options":{"other":1}}/);
  // A shard given twice, once inside the partial merge.
  await assert.rejects(cmdMerge(['--partial', join(root, 'dup'), join(root, 'p01'), d(1)]), /shard 1\/3 given twice/);
});
