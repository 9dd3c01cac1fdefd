// The pipeline as the action loads it, with a base ref: judged by the base commit's committed baseline, not by
// the one in the PR's working tree, and the PR's change to that baseline is reported as a judging change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../../src/action/pipeline.js';
import { tempRepo } from '../helpers/git-repo.js';

const X = '|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const Y = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const SPEC = `name: t
archs: ['${X}', '${Y}']
proxies: [params]
latency: false
backend: cpu
baseline: ../baselines/t.json
`;

test('mode run with a base ref: scores judged by the base commit\'s baseline even when the PR rewrites it', async () => {
  const repo = tempRepo();
  const pipeline = await loadPipeline();
  try {
    const spec = repo.write('configs/t.yml', SPEC);
    const first = await pipeline.run(spec, { out: join(repo.root, 'out/first') });
    const { baselinePath } = await pipeline.updateBaseline(spec, { resultsDir: first.outDir });
    const honest = readFileSync(baselinePath, 'utf8');
    // The base branch's baseline says X had twice the params it has: the head's X reads as changed against it.
    const doctored = JSON.parse(honest);
    doctored.scores[X].params.value *= 2;
    writeFileSync(baselinePath, JSON.stringify(doctored));
    repo.write('.gitignore', 'out/\n');
    const sha = repo.commit('base');
    writeFileSync(baselinePath, honest); // the PR "fixes" the baseline to match itself

    const ran = await pipeline.run(spec, { out: join(repo.root, 'out/pr'), baseRef: sha });
    const { input } = await pipeline.compare(spec, { resultsDir: ran.outDir });
    const x = input.comparison!.items.find((i) => i.kind === 'score' && i.metric === X)!;
    assert.notEqual(x.verdict, 'unchanged', 'judged by the base commit\'s baseline');
    assert.equal(x.baseline, doctored.scores[X].params.value);
    const y = input.comparison!.items.find((i) => i.kind === 'score' && i.metric === Y)!;
    assert.equal(y.verdict, 'unchanged');
    assert.equal(input.comparison!.message, undefined, 'the committed baseline was found at the base commit');
    assert.equal(input.abSides?.baseSha, sha);
    assert.deepEqual(input.abSides?.judgingChanges, ['baselines/t.json']);
    assert.deepEqual([input.abSides?.added, input.abSides?.removed], [[], []]);

    // Without the base ref the PR's own baseline would have hidden the change.
    const plain = await pipeline.compare(spec, { resultsDir: first.outDir });
    assert.equal(plain.input.comparison!.items.find((i) => i.kind === 'score' && i.metric === X)!.verdict, 'unchanged');
  } finally {
    repo.dispose();
  }
});
