// `merge --proxies`: a run of some proxies joined with a later run of the others gives what one run of all of them
// writes (scores bit for bit, in the spec's arch order); runs that disagree on archs, seed or a proxy are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../../src/commands/run.js';
import { cmdMerge } from '../../src/commands/merge.js';
import { readResults } from '../../src/rundir/read.js';
import { JOIN_ARCHS as ARCHS, joinSpec, runRows as rows } from './join-helpers.js';

const spec = (out: string, proxies: string[], archs = ARCHS, seed = 0) => joinSpec(out, proxies, { archs, seed });

test('a run of params,grad_norm joined with a run of synflow equals one run of all three', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-join-'));
  const quiet = { log: () => {} };
  const all = join(root, 'all'), first = join(root, 'first'), added = join(root, 'added');
  await runExperiment(spec(all, ['params', 'grad_norm', 'synflow']), quiet);
  await runExperiment(spec(first, ['params', 'grad_norm']), quiet);
  // The added run lists the archs in another order: the join keeps the first run's order.
  await runExperiment(spec(added, ['synflow'], [...ARCHS].reverse()), quiet);
  assert.equal(await cmdMerge(['--proxies', join(root, 'joined'), first, added]), 0);
  const whole = rows(all);
  assert.equal(whole.length, 9);
  assert.deepEqual(rows(join(root, 'joined')), whole);
  const joined = readResults(join(root, 'joined'));
  assert.deepEqual(joined.manifest.archs, ARCHS);
  assert.deepEqual(joined.manifest.proxies!.map((p) => p.name), ['params', 'grad_norm', 'synflow']);
  const parts = (joined.manifest as unknown as { joined: Array<{ proxies: string[] }> }).joined;
  assert.deepEqual(parts.map((p) => p.proxies), [['params', 'grad_norm'], ['synflow']]);
  assert.deepEqual(Object.keys(joined.manifest.timings.perProxySeconds).sort(), ['grad_norm', 'params', 'synflow']);
});

test('runs with the same proxy, other archs or another seed are refused, naming the file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-join-bad-'));
  const quiet = { log: () => {} };
  const first = join(root, 'first'), again = join(root, 'again'), fewer = join(root, 'fewer'), seeded = join(root, 'seeded');
  await runExperiment(spec(first, ['params', 'synflow']), quiet);
  await runExperiment(spec(again, ['synflow']), quiet);
  await runExperiment(spec(fewer, ['grad_norm'], ARCHS.slice(0, 2)), quiet);
  await runExperiment(spec(seeded, ['grad_norm'], ARCHS, 1), quiet);
  await assert.rejects(cmdMerge(['--proxies', join(root, 'o1'), first, again]), /again.*run\.json: proxy "synflow" is also in .*first/s);
  await assert.rejects(cmdMerge(['--proxies', join(root, 'o2'), first, fewer]), /fewer.*run\.json: archs differ .*1 missing/s);
  await assert.rejects(cmdMerge(['--proxies', join(root, 'o3'), first, seeded]), /seeded.*run\.json: seed 1 differs from 0/s);
  await assert.rejects(cmdMerge(['--proxies', join(root, 'o4'), first]), /at least two run folders/);
});
