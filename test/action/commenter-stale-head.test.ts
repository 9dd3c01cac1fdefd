// Same-repository PRs too: the workflow_run commenter posts only when the artifact's head SHA is still the PR's head.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('same-repo PR: head moved on -> nothing posted and the summary says why; head unchanged -> posted', async () => {
  const gh = await startFakeGitHub();
  try {
    const outDir = tempResultsDir();
    await runAction({ inputs: { spec: 'configs/pr-check.yml', comment: 'false' }, event: prPayload(8), apiUrl: gh.url, pipeline: fakePipeline(fixtureInput(), outDir) });
    assert.deepEqual(gh.state.requests, []);

    // The workflow run lists the PR (same repository), but a newer commit was pushed since.
    const newer = 'd'.repeat(40);
    gh.state.pulls.set(8, newer);
    const event = { workflow_run: { id: 77, head_sha: HEAD_SHA, html_url: 'https://github.com/octo/zsnas-demo/actions/runs/77', pull_requests: [{ number: 8 }] } };
    const inputs = { mode: 'comment', 'results-dir': outDir, 'github-token': 'test-token' };
    const stale = await runAction({ inputs, event, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(stale.failed, false);
    assert.deepEqual(gh.state.requests, ['GET /repos/octo/zsnas-demo/pulls/8']);
    assert.ok(stale.summary.startsWith(`> Pull request #8 has moved on to ddddddd; this report (for aaaaaaa) was not posted.\n`), stale.summary.slice(0, 200));
    assert.equal(stale.outputs['comment-url'], undefined);

    gh.state.pulls.set(8, HEAD_SHA);
    const ok = await runAction({ inputs, event, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(ok.failed, false);
    assert.equal(gh.state.comments.get(8)!.length, 1);
    assert.equal(ok.outputs['comment-url'], gh.state.comments.get(8)![0]!.html_url);
  } finally {
    await gh.close();
  }
});
