// The committed bundle in mode comment (workflow_run): the first run creates ONE comment with charts pushed to the
// assets branch, the second run updates that comment in place; a human's comment beside it is untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, REPO, preparedArtifact, runDist, workflowRunEvent } from './dist-harness.js';

test('node dist/action/index.js, mode comment, twice: one comment, created then updated in place', async () => {
  const gh = await startFakeGitHub();
  try {
    gh.state.pulls.set(7, HEAD_SHA);
    gh.state.comments.set(7, [{ id: 1, body: 'LGTM', html_url: 'h1', user: { login: 'alice', type: 'User' } }]);
    const artifact = await preparedArtifact(fixtureInput(), 7);
    const inputs = { mode: 'comment', 'results-dir': artifact, 'github-token': 'test-token' };

    const first = await runDist({ inputs, event: workflowRunEvent(7), eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(first.code, 0, first.log);
    const afterFirst = gh.state.comments.get(7)!;
    assert.equal(afterFirst.length, 2);
    const ours = afterFirst[1]!;
    assert.equal(ours.user!.login, 'github-actions[bot]');
    assert.ok(ours.body.startsWith('<!-- zsnas:pr-check -->\n'));
    assert.ok(ours.body.includes(`](https://github.com/${REPO}/blob/zsnas-assets/pr-7/${HEAD_SHA}/correlation.png?raw=true)`));
    assert.equal(first.outputs['comment-url'], ours.html_url);
    assert.equal(first.outputs.regressions, '2');
    assert.ok(first.summary.includes('<!-- zsnas:pr-check -->'));

    const second = await runDist({ inputs, event: workflowRunEvent(7), eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(second.code, 0, second.log);
    const afterSecond = gh.state.comments.get(7)!;
    assert.equal(afterSecond.length, 2, 'still one zsnas comment');
    assert.equal(afterSecond[1]!.id, ours.id);
    assert.deepEqual(afterSecond[0], { id: 1, body: 'LGTM', html_url: 'h1', user: { login: 'alice', type: 'User' } });
    const writes = gh.state.requests.filter((r) => /^(POST|PATCH) \/repos\/[^/]+\/[^/]+\/issues\//.test(r));
    assert.deepEqual(writes, [`POST /repos/${REPO}/issues/7/comments`, `PATCH /repos/${REPO}/issues/comments/${ours.id}`]);
  } finally {
    await gh.close();
  }
});
