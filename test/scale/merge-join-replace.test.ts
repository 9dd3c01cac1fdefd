// `merge --proxies --replace`: a stale column recomputed by a later run replaces the earlier run's column whole
// (rows, options, error and unstable entries, gradient engine), giving what one run with the new setting writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../../src/commands/run.js';
import { cmdMerge } from '../../src/commands/merge.js';
import { readResults } from '../../src/rundir/read.js';
import { JOIN_ARCHS, joinSpec, runRows as rows } from './join-helpers.js';

const spec = (out: string, proxies: string[]) => joinSpec(out, proxies, { archs: JOIN_ARCHS.slice(0, 2), batches: 2 });

test('zico recomputed with its default replaces the per-batch column of an earlier run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-replace-'));
  const quiet = { log: () => {} };
  const all = join(root, 'all'), base = join(root, 'base'), stale = join(root, 'stale'), fresh = join(root, 'fresh');
  await runExperiment(spec(all, ['params', 'zico']), quiet);
  await runExperiment(spec(base, ['params']), quiet);
  await runExperiment(spec(stale, ['{ name: zico, options: { accumulate: false } }']), quiet);
  await runExperiment(spec(fresh, ['zico']), quiet);
  // The two zico forms differ: otherwise this test could not tell which column was kept.
  assert.notDeepEqual(rows(stale).filter((r) => r.includes(',zico,')), rows(fresh));

  await assert.rejects(cmdMerge(['--proxies', join(root, 'refused'), base, stale, fresh]), /proxy "zico" is also in .*--replace/s);
  assert.equal(await cmdMerge(['--proxies', '--replace', join(root, 'joined'), base, stale, fresh]), 0);
  assert.deepEqual(rows(join(root, 'joined')), rows(all));

  const joined = readResults(join(root, 'joined')).manifest;
  const whole = readResults(all).manifest;
  assert.deepEqual(joined.proxies, whole.proxies);
  assert.deepEqual(joined.proxyOptions, whole.proxyOptions);
  // The engine of a proxy that the first run did not score is kept (it came from the first run only before).
  assert.ok(whole.gradEngines?.zico);
  assert.deepEqual(joined.gradEngines, whole.gradEngines);
  assert.deepEqual(joined.unstable, whole.unstable);
  assert.deepEqual((joined.spec as { proxies: unknown[] }).proxies.length, 2);
  const parts = (joined as unknown as { joined: Array<{ proxies: string[]; replaced?: string[] }> }).joined;
  assert.deepEqual(parts.map((p) => [p.proxies, p.replaced ?? []]), [[['params'], []], [[], ['zico']], [['zico'], []]]);
});

test('--replace without --proxies is refused', async () => {
  await assert.rejects(cmdMerge(['--replace', join(tmpdir(), 'never'), 'a', 'b']), /--replace goes with --proxies/);
});
