import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadBaseSide } from '../../src/compare/base-side.js';
import { tempRepo } from '../helpers/git-repo.js';

const SPEC = (arch: string, drop: number) => `name: t
archs:
  - {name: candidate, arch: '${arch}'}
thresholds: { correlation_drop: ${drop} }
baseline: ../baselines/t.json
proxies: [params]
`;
const A1 = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const A2 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|none~0|none~1|none~2|';

test('the base side reads the spec and the files it names from the commit, whatever the working tree holds', () => {
  const repo = tempRepo();
  try {
    const specPath = repo.write('configs/t.yml', SPEC(A1, 0.05));
    repo.write('baselines/t.json', '{"committed": true}\n');
    const sha = repo.commit('base');
    // The working tree moves on: another arch and threshold, another baseline, and then no baseline at all.
    repo.write('configs/t.yml', SPEC(A2, 0.5));
    rmSync(join(repo.root, 'baselines/t.json'));
    const base = loadBaseSide(specPath, sha);
    try {
      assert.equal(base.sha, sha);
      assert.equal(base.specPath, 'configs/t.yml');
      assert.deepEqual(base.spec.archs, { kind: 'list', items: [{ name: 'candidate', arch: A1 }] });
      assert.equal(base.spec.thresholds.correlationDrop, 0.05);
      assert.ok(base.spec.baseline, 'the base spec names a baseline');
      assert.notEqual(base.spec.baseline, join(repo.root, 'baselines/t.json'), 'never the working-tree path');
      assert.equal(readFileSync(base.spec.baseline!, 'utf8'), '{"committed": true}\n');
      assert.deepEqual([...base.files.keys()].sort(), ['baselines/t.json', 'configs/t.yml']);
    } finally {
      base.dispose();
    }
    // A ref that names no commit is an error that says so.
    assert.throws(() => loadBaseSide(specPath, 'no-such-branch'), /--base-ref no-such-branch: no such commit/);
  } finally {
    repo.dispose();
  }
});
