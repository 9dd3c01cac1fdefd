// run --base-ref: archs are matched by key; those on one side only are listed in run.json as added or removed,
// and a named arch that the PR points elsewhere is the same key on both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSpec } from '../../src/commands/spec-io.js';
import { runAb } from '../../src/commands/run-ab.js';
import type { RunManifest } from '../../src/results.js';
import { tempRepo } from '../helpers/git-repo.js';

const X = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const Y = '|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const Z = '|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const SPEC = (items: string[]) => `name: t
archs:
${items.map((i) => `  - ${i}`).join('\n')}
proxies: [params]
latency: false
backend: cpu
output: ../out
`;

test('archs only in the head are added, only in the base removed; the rest are scored on both sides', async () => {
  const repo = tempRepo();
  try {
    const specFile = repo.write('configs/t.yml', SPEC([`{name: cand, arch: '${X}'}`, `'${Y}'`]));
    const sha = repo.commit('base');
    repo.write('configs/t.yml', SPEC([`{name: cand, arch: '${Z}'}`, `'${Z}'`]));
    const res = await runAb(readSpec(specFile), sha, { log: () => {} });
    assert.deepEqual(res.ab.added, [Z]);
    assert.deepEqual(res.ab.removed, [Y]);
    const manifest = JSON.parse(readFileSync(join(repo.root, 'out/run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(manifest.ab?.added, [Z]);
    assert.deepEqual(manifest.ab?.removed, [Y]);
    assert.equal(manifest.ab?.baseSha, sha);
    assert.deepEqual(manifest.archs, ['cand', Z]);
    const baseManifest = JSON.parse(readFileSync(join(repo.root, 'out/base/run.json'), 'utf8')) as RunManifest;
    assert.deepEqual(baseManifest.archs, ['cand', Y]);
    // `cand` is the same key on both sides, scored as each side defines it (X has fewer params than Z).
    const params = (dir: string) => Number(readFileSync(join(repo.root, dir, 'scores.csv'), 'utf8').split('\n').find((l) => l.startsWith('cand,'))!.split(',')[2]);
    assert.ok(params('out') > params('out/base'), `head cand ${params('out')} vs base cand ${params('out/base')}`);
    assert.equal(existsSync(join(repo.root, 'out/latency-ab.csv')), false, 'latency: false writes no latency-ab.csv');
  } finally {
    repo.dispose();
  }
});
