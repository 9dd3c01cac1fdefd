// mode: comment posts a downloaded artifact's report to its PR after checking PR number and head SHA; refuses a mismatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('fork artifact -> workflow_run commenter -> one comment with charts; wrong SHA is refused', async () => {
  const gh = await startFakeGitHub();
  try {
    // 1. The pull_request job of a fork: comment off, results left on disk (what the artifact carries).
    const outDir = tempResultsDir();
    await runAction({ inputs: { spec: 'configs/pr-check.yml', comment: 'false' }, event: prPayload(12, { fork: true }), apiUrl: gh.url, pipeline: fakePipeline(fixtureInput(), outDir) });
    assert.equal(gh.state.comments.size, 0);

    // 2. The workflow_run job: pull_requests is empty for forks, so the PR head is asked from the API.
    gh.state.pulls.set(12, HEAD_SHA);
    const event = { workflow_run: { id: 99, head_sha: HEAD_SHA, html_url: 'https://github.com/octo/zsnas-demo/actions/runs/99', pull_requests: [] } };
    const inputs = { mode: 'comment', 'results-dir': outDir, 'github-token': 'test-token' };
    const ok = await runAction({ inputs, event, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(ok.failed, false);
    const comments = gh.state.comments.get(12)!;
    assert.equal(comments.length, 1);
    assert.ok(comments[0]!.body.includes(`](https://github.com/octo/zsnas-demo/blob/zsnas-assets/pr-12/${HEAD_SHA}/latency-pareto.png?raw=true)`));
    assert.equal(ok.outputs.regressions, '2');

    // 3. An artifact whose SHA is not the workflow run's is refused, and nothing is posted.
    const bad = { workflow_run: { ...event.workflow_run, head_sha: 'c'.repeat(40) } };
    const refused = await runAction({ inputs, event: bad, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(refused.failed, true);
    assert.ok(refused.summary.includes(`The artifact's head SHA ${HEAD_SHA} is not the workflow run's ${'c'.repeat(40)}: refusing to comment`));
    assert.equal(gh.state.comments.get(12)!.length, 1);
    assert.equal(gh.state.requests.filter((r) => r.startsWith('PATCH')).length, 0);
  } finally {
    await gh.close();
  }
});
