// upsertComment reads every page of comments: a marker comment on page 2 is updated, not duplicated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIONS_APP, authorOf, startFakeGitHub } from './fake-github.js';
import { createGitHubApi } from '../../src/publish/github-api.js';
import { upsertComment } from '../../src/publish/comment.js';

test('marker found on page 2 of 2 is updated in place', async () => {
  const gh = await startFakeGitHub({ maxPerPage: 100 });
  try {
    const marker = '<!-- zsnas:pr-check -->';
    const list = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: i === 120 ? `${marker}\nold report` : `chatter ${i}`, html_url: `u${i}`, ...authorOf(ACTIONS_APP) }));
    // A comment of another experiment must not be taken for ours.
    list[5]!.body = '<!-- zsnas:pr-check-large -->\nother';
    gh.state.comments.set(7, list);
    const api = createGitHubApi('test-token', { baseUrl: gh.url });
    const res = await upsertComment(api, { owner: 'octo', repo: 'zsnas-demo', issueNumber: 7, marker, body: `${marker}\nnew report` });
    assert.deepEqual({ id: res.id, action: res.action }, { id: 121, action: 'updated' });
    const after = gh.state.comments.get(7)!;
    assert.equal(after.length, 150);
    assert.equal(after[120]!.body, `${marker}\nnew report`);
    assert.equal(after[5]!.body, '<!-- zsnas:pr-check-large -->\nother');
    assert.ok(gh.state.requests.includes('GET /repos/octo/zsnas-demo/issues/7/comments?per_page=100&page=2'));
  } finally {
    await gh.close();
  }
});
