// What a PR changes in how it is judged: the spec file, its thresholds, the baseline file, custom proxy modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBaseSide } from '../../src/compare/base-side.js';
import { judgingChanges } from '../../src/compare/judging.js';
import { parseSpec } from '../../src/spec/load.js';
import { readFileSync } from 'node:fs';
import { tempRepo } from '../helpers/git-repo.js';

const SPEC = (drop: number, comment = '') => `name: t${comment}
archs: ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|']
proxies: [params, {name: mine, module: ../proxies/mine.mjs}]
thresholds: { correlation_drop: ${drop} }
baseline: ../baselines/t.json
`;

test('judgingChanges lists exactly the judging files the working tree changes against the base commit', () => {
  const repo = tempRepo();
  try {
    const specFile = repo.write('configs/t.yml', SPEC(0.05));
    repo.write('baselines/t.json', '{"v": 1}\n');
    repo.write('proxies/mine.mjs', 'export default {};\n');
    const sha = repo.commit('base');
    const changes = () => {
      const head = parseSpec(readFileSync(specFile, 'utf8'), specFile);
      const base = loadBaseSide(specFile, sha);
      try { return judgingChanges(head, base); } finally { base.dispose(); }
    };
    assert.deepEqual(changes(), [], 'nothing changed');
    repo.write('configs/t.yml', SPEC(0.05, ' # a comment'));
    assert.deepEqual(changes(), ['configs/t.yml'], 'the spec file changed, not its thresholds');
    repo.write('configs/t.yml', SPEC(0.5));
    assert.deepEqual(changes(), ['configs/t.yml', 'configs/t.yml: thresholds']);
    repo.write('configs/t.yml', SPEC(0.05));
    repo.write('baselines/t.json', '{"v": 2}\n');
    assert.deepEqual(changes(), ['baselines/t.json']);
    repo.write('baselines/t.json', '{"v": 1}\n');
    repo.write('proxies/mine.mjs', 'export default { changed: true };\n');
    assert.deepEqual(changes(), ['proxies/mine.mjs']);
  } finally {
    repo.dispose();
  }
});
