// A fork PR's job makes no write request at all, even with comment on and a token GitHub would accept: the fake API
// sees no request but reads, the job stays green, and the summary and zsnas-meta.json say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { FORK_NOTE } from '../../src/action/publish-step.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('fork payload, comment: true, push-charts: true: zero non-GET requests, green, reason in summary and metadata', async () => {
  const gh = await startFakeGitHub();
  try {
    const outDir = tempResultsDir();
    const res = await runAction({
      inputs: { spec: 'configs/pr-check.yml', mode: 'run', 'github-token': 'test-token', comment: 'true', 'push-charts': 'true' },
      event: prPayload(12, { fork: true }),
      apiUrl: gh.url,
      pipeline: fakePipeline(fixtureInput(), outDir),
    });
    assert.equal(res.failed, false);
    assert.deepEqual(gh.state.requests.filter((r) => !r.startsWith('GET ')), []);
    assert.equal(gh.state.comments.size, 0);
    assert.equal(gh.state.branches.size, 0);
    assert.ok(res.summary.includes(`> ${FORK_NOTE}`), res.summary.slice(0, 400));
    assert.ok(!res.summary.includes('Add `permissions:'), 'no permission advice: nothing was tried');
    assert.ok(res.summary.includes('**❌ 2 regressions · ✅ 1 improvement · 37 unchanged**'));
    assert.equal(res.outputs.regressions, '2');
    assert.equal(res.outputs['comment-url'], undefined);
    assert.equal(res.outputs['report-path'], join(outDir, 'report', 'report.md'));
    for (const f of ['report/report.md', 'report/input.json', 'report/correlation.png', 'report/correlation.vl.json']) assert.ok(existsSync(join(outDir, f)), f);
    const meta = JSON.parse(readFileSync(join(outDir, 'zsnas-meta.json'), 'utf8'));
    assert.deepEqual(meta, {
      formatVersion: 1,
      experiment: 'pr-check',
      repository: 'octo/zsnas-demo',
      prNumber: 12,
      headSha: HEAD_SHA,
      runId: '4242',
      fork: true,
      notPosted: FORK_NOTE,
    });
  } finally {
    await gh.close();
  }
});
