// merge refuses shards that disagree with themselves or with each other, and never writes null archs or drops rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmdMerge } from '../../src/commands/merge.js';
import { writeRunDir } from '../helpers/run-dir.js';

const ALL = ['a0', 'a1', 'a2', 'a3', 'a4'];
const shardArchs = (i: number, n: number) => ALL.filter((_, p) => p % n === i);

/** n shards; `over(i)` may give shard i other archs or manifest fields. */
function shards(n: number, over: (i: number) => { archs?: string[]; manifest?: object } = () => ({})): string[] {
  return Array.from({ length: n }, (_, i) => {
    const o = over(i);
    return writeRunDir(o.archs ?? shardArchs(i, n), { manifest: { shard: { index: i, count: n }, ...o.manifest } });
  });
}

async function refusal(dirs: string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'zsnas-merge-')), 'out');
  let message = '';
  await assert.rejects(cmdMerge([out, ...dirs]), (e: Error) => { assert.equal(e.name, 'InputError'); message = e.message; return true; });
  assert.equal(existsSync(out), false, 'nothing written');
  return message;
}

test('consistent shards merge: every arch once, in order, every row kept', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'zsnas-merge-')), 'out');
  assert.equal(await cmdMerge([out, ...shards(2)]), 0);
  const m = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
  assert.deepEqual(m.archs, ALL);
  assert.equal(readFileSync(join(out, 'scores.csv'), 'utf8').trim().split('\n').length, 1 + ALL.length * 2);
});

test('a shard whose run.json lists more archs than its scores.csv (null archs before)', async () => {
  const dirs = shards(2);
  const m = JSON.parse(readFileSync(join(dirs[0], 'run.json'), 'utf8'));
  m.archs.push('extra');
  writeFileSync(join(dirs[0], 'run.json'), JSON.stringify(m));
  assert.match(await refusal(dirs), /no row for arch "extra"/);
});

test('a shard with archs: [] but rows (rows dropped before)', async () => {
  const dirs = shards(2);
  const m = JSON.parse(readFileSync(join(dirs[1], 'run.json'), 'utf8'));
  m.archs = [];
  writeFileSync(join(dirs[1], 'run.json'), JSON.stringify(m));
  assert.match(await refusal(dirs), /arch "a1" has rows, but run\.json archs does not list it/);
});

test('shards that disagree with each other: seed, proxies, an arch in two shards, sizes', async () => {
  assert.match(await refusal(shards(2, (i) => (i === 1 ? { manifest: { seed: 7 } } : {}))), /seed 7 differs from 0/);
  assert.match(await refusal(shards(2, (i) => (i === 1 ? { manifest: { backend: 'cpu' } } : {}))), /backend cpu differs from wasm/);
  const dup = shards(2, (i) => (i === 1 ? { archs: ['a0', 'a3'] } : {}));
  assert.match(await refusal(dup), /arch "a0" is also in/);
  const short = shards(2, (i) => (i === 1 ? { archs: ['a1'] } : {}));
  assert.match(await refusal(short), /archs: 3 archs, expected 2 for shard 0\/2 of 4 archs/);
});
