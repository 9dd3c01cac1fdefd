// A 403/404 from GitHub becomes an error naming the exact permission to add, and the fork/workflow_run way out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from './fake-github.js';
import { createGitHubApi } from '../../src/publish/github-api.js';
import { upsertComment } from '../../src/publish/comment.js';
import { pushAssets } from '../../src/publish/assets.js';
import { PermissionError } from '../../src/publish/permissions.js';

test('403 on comments asks for pull-requests: write; 403 on contents asks for contents: write', async () => {
  const gh = await startFakeGitHub({ deny: { comments: 403, contents: 403 } });
  try {
    const api = createGitHubApi('test-token', { baseUrl: gh.url });
    await assert.rejects(upsertComment(api, { owner: 'octo', repo: 'zsnas-demo', issueNumber: 7, marker: '<!-- zsnas:x -->', body: 'b' }), (err: unknown) => {
      assert.ok(err instanceof PermissionError);
      assert.equal(err.permission, 'pull-requests: write');
      assert.equal(
        err.message,
        'The GitHub token cannot write the pull-request comment (GET /repos/octo/zsnas-demo/issues/7/comments answered 403: ' +
          'Resource not accessible by integration). Add `permissions: { pull-requests: write }` to the job. Pull requests from ' +
          'forks always get a read-only token: run zsnas in the `pull_request` workflow, upload the results as an artifact, ' +
          'and comment from a `workflow_run` workflow with `mode: comment` (see .github/workflows/zsnas-comment.yml).',
      );
      return true;
    });
    await assert.rejects(
      pushAssets(api, { owner: 'octo', repo: 'zsnas-demo', prNumber: 7, headSha: 'a'.repeat(40), files: [{ name: 'c.png', data: Buffer.from('x') }] }),
      (err: unknown) => err instanceof PermissionError && err.permission === 'contents: write' && err.message.includes('Add `permissions: { contents: write }` to the job.'),
    );
    assert.equal(gh.state.comments.size, 0);
  } finally {
    await gh.close();
  }
});
