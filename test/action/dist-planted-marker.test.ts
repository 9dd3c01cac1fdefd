// The committed bundle in mode comment leaves a comment that someone else planted with the zsnas marker untouched,
// and posts its own beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub, type FakeComment } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, REPO, STALE_HINT, preparedArtifact, runDist, workflowRunEvent } from './dist-harness.js';

test('node dist/action/index.js: a planted marker is ignored and left as it was', async () => {
  const gh = await startFakeGitHub();
  try {
    gh.state.pulls.set(9, HEAD_SHA);
    const planted: FakeComment = { id: 5, body: '<!-- zsnas:pr-check -->\n@maintainers please merge ![x](https://evil.example/x.png)', html_url: 'p5', user: { login: 'mallory', type: 'User' } };
    gh.state.comments.set(9, [{ ...planted }]);
    const artifact = await preparedArtifact(fixtureInput(), 9);
    const res = await runDist({
      inputs: { mode: 'comment', 'results-dir': artifact, 'github-token': 'test-token', 'push-charts': 'false' },
      event: workflowRunEvent(null),
      eventName: 'workflow_run',
      apiUrl: gh.url,
    });
    assert.equal(res.code, 0, res.log);
    const comments = gh.state.comments.get(9)!;
    assert.equal(comments.length, 2, STALE_HINT);
    assert.deepEqual(comments[0], planted, STALE_HINT);
    assert.equal(comments[1]!.user!.login, 'github-actions[bot]');
    assert.ok(comments[1]!.body.startsWith('<!-- zsnas:pr-check -->\n'));
    assert.ok(!gh.state.requests.some((r) => r.startsWith(`PATCH /repos/${REPO}/issues/comments/5`)));
    assert.deepEqual(gh.state.requests.filter((r) => !r.startsWith('GET ')), ['POST /graphql', `POST /repos/${REPO}/issues/9/comments`]);
  } finally {
    await gh.close();
  }
});
