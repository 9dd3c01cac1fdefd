// `zsnas site --record DIR --commit SHA` appends one JSON line per (commit, experiment) with each proxy's Spearman rho
// and each arch's median latency at the smallest batch; recording the same commit again replaces its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdSite } from '../../src/commands/site.js';
import { toJson } from '../../src/io/atomic.js';
import { readHistory } from '../../src/publish/site/history.js';
import { fixtureInput, manifest } from '../report/fixture.js';
import { NB201_ARCHS } from './fixture.js';

test('record appends, replaces a re-run of the same commit, and reads rho and median latency', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-history-'));
  const results = join(dir, 'results');
  const history = join(dir, 'history.jsonl');
  const quiet = process.stdout.write;
  try {
    const corr = fixtureInput({ nArchs: 8 }).correlations!.map((c) => (c.proxy === 'grad_norm' ? { ...c, spearman: NaN } : c));
    const row = (arch: string, batch: number, median_ms: number) => ({ arch, batch, median_ms, p25_ms: 1, p75_ms: 2, min_ms: 1, cv: 0, n: 5, ci_low_ms: 1, ci_high_ms: 2, normalized: null });
    const writeRun = (finishedAt: string, ms: number) => {
      writeFileSync(join(results, 'run.json'), JSON.stringify({ ...manifest(NB201_ARCHS, 'nb201-cifar10'), finishedAt }));
      writeFileSync(join(results, 'latency.json'), JSON.stringify({
        formatVersion: 1, fingerprint: manifest([]).fingerprint, samples: [],
        rows: [row(NB201_ARCHS[0]!, 1, ms), row(NB201_ARCHS[1]!, 1, 2 * ms), row(NB201_ARCHS[0]!, 8, 50)],
      }));
    };
    mkdirSync(results);
    writeFileSync(join(results, 'correlations.json'), toJson(corr));
    process.stdout.write = () => true;
    writeRun('2025-03-01T00:00:00Z', 4);
    assert.equal(await cmdSite(['--record', results, '--commit', '1111111', '--history', history]), 0);
    writeRun('2025-03-02T00:00:00Z', 5);
    assert.equal(await cmdSite(['--record', results, '--commit', '2222222', '--history', history]), 0);
    writeRun('2025-03-03T00:00:00Z', 6); // a re-run of the first commit
    assert.equal(await cmdSite(['--record', results, '--commit', '1111111', '--history', history]), 0);
    await assert.rejects(cmdSite(['--record', results, '--commit', 'not-a-sha', '--history', history]), /--commit: got "not-a-sha"/);
    process.stdout.write = quiet;

    assert.equal(readFileSync(history, 'utf8').trim().split('\n').length, 2);
    const entries = readHistory(history);
    assert.deepEqual(entries.map((e) => [e.commit, e.date]), [['2222222', '2025-03-02T00:00:00Z'], ['1111111', '2025-03-03T00:00:00Z']]);
    assert.deepEqual(entries[1], {
      commit: '1111111', date: '2025-03-03T00:00:00Z', experiment: 'nb201-cifar10', backend: 'wasm',
      spearman: { synflow: 0.76, naswot: 0.8, grad_norm: null },
      latencyMs: { [NB201_ARCHS[0]!]: 6, [NB201_ARCHS[1]!]: 12 },
    });
  } finally {
    process.stdout.write = quiet;
    rmSync(dir, { recursive: true, force: true });
  }
});
