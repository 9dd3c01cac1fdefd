// `zsnas compare --fail-on-regression` on a side-by-side (run --base-ref) results folder: the base commit's
// baseline decides, as on the plain path: a corrupt, unknown-version or folder baseline at the base commit fails
// the gate (naming it as REF:path), a missing one is a first run (scores compared with the base's own run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli-capture.js';
import { loadPipeline } from '../../src/action/pipeline.js';
import { tempRepo } from '../helpers/git-repo.js';

const X = '|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const SPEC = `name: t\narchs: ['${X}']\nproxies: [params]\nlatency: false\nbackend: cpu\nbaseline: ../baselines/t.json\n`;

/** Commits the base with `atBase` done to its baseline, puts a valid baseline in the working tree, runs A/B. */
async function gate(atBase: (path: string) => void): Promise<{ code: number; err: string; sha: string }> {
  const repo = tempRepo();
  const pipeline = await loadPipeline();
  try {
    const spec = repo.write('configs/t.yml', SPEC);
    repo.write('.gitignore', 'out/\n');
    const first = await pipeline.run(spec, { out: join(repo.root, 'out/first') });
    const { baselinePath } = await pipeline.updateBaseline(spec, { resultsDir: first.outDir });
    const valid = readFileSync(baselinePath, 'utf8');
    rmSync(baselinePath);
    atBase(baselinePath);
    const sha = repo.commit('base');
    rmSync(baselinePath, { recursive: true, force: true });
    writeFileSync(baselinePath, valid); // the PR's own copy is fine: it must not be what judges
    const ran = await pipeline.run(spec, { out: join(repo.root, 'out/pr'), baseRef: sha });
    return { ...(await runCli(['compare', spec, '--results', ran.outDir, '--fail-on-regression'])), sha };
  } finally {
    repo.dispose();
  }
}

test('a baseline missing at the base commit is a first run', async () => {
  const r = await gate(() => {});
  assert.equal(r.code, 0, r.err);
});

test('corrupt, unknown-version and folder baselines at the base commit fail the gate, naming REF:path', async () => {
  for (const [make, why] of [
    [(p: string) => writeFileSync(p, '{"format": "zsnas-baseline", "formatVersion": 1, "sc'), /invalid JSON/],
    [(p: string) => writeFileSync(p, '{"format": "zsnas-baseline", "formatVersion": 99}'), /format version 99, newer than/],
    [(p: string) => { mkdirSync(p); writeFileSync(join(p, 'x.json'), '{}'); }, /is a folder/],
  ] as const) {
    const r = await gate(make);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, why);
    assert.ok(r.err.includes(`${r.sha}:baselines/t.json`), r.err);
    assert.doesNotMatch(r.err, /zsnas-base-/, 'the temporary copy is not named');
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});
