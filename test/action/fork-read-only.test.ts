// A fork PR's read-only token: GitHub answers 403, the job still ends green with a summary, a note and the report on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('403 everywhere on a fork PR: green, summary with the permission note, results left for the artifact', async () => {
  const gh = await startFakeGitHub({ deny: { comments: 403, contents: 403 } });
  try {
    const outDir = tempResultsDir();
    const res = await runAction({
      inputs: { spec: 'configs/pr-check.yml', mode: 'run', 'github-token': 'test-token', 'fail-on-regression': 'false' },
      event: prPayload(12, { fork: true }),
      apiUrl: gh.url,
      pipeline: fakePipeline(fixtureInput(), outDir),
    });
    assert.equal(res.failed, false);
    assert.equal(gh.state.comments.size, 0);
    assert.ok(res.summary.includes('This pull request comes from a fork, so its token is read-only'));
    assert.ok(res.summary.includes('Add `permissions: { pull-requests: write }` to the job.'));
    assert.ok(res.summary.includes('Add `permissions: { contents: write }` to the job.'), 'charts note');
    assert.ok(res.summary.includes('**❌ 2 regressions · ✅ 1 improvement · 37 unchanged**'));
    assert.equal(res.outputs.regressions, '2');
    assert.equal(res.outputs['report-path'], join(outDir, 'report', 'report.md'));
    for (const f of ['report/report.md', 'report/input.json', 'report/correlation.png', 'report/correlation.vl.json']) assert.ok(existsSync(join(outDir, f)), f);
    const meta = JSON.parse(readFileSync(join(outDir, 'zsnas-meta.json'), 'utf8'));
    assert.deepEqual(meta, { formatVersion: 1, experiment: 'pr-check', repository: 'octo/zsnas-demo', prNumber: 12, headSha: HEAD_SHA, runId: '4242' });
  } finally {
    await gh.close();
  }
});
