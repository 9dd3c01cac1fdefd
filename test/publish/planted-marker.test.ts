// Only the token's own comment is the sticky one: a marker planted by someone else is left untouched, for a personal
// token (GET /user), for GITHUB_TOKEN (GraphQL viewer = github-actions[bot]) and when GraphQL cannot be asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorOf, startFakeGitHub, type FakeComment, type FakeIdentity } from './fake-github.js';
import { createGitHubApi } from '../../src/publish/github-api.js';
import { upsertComment } from '../../src/publish/comment.js';

const marker = '<!-- zsnas:pr-check -->';
const owner = 'octo';
const repo = 'zsnas-demo';

const cases: Array<{ name: string; identity: FakeIdentity; self: string }> = [
  { name: 'personal token', identity: { kind: 'user', login: 'zsnas-ci' }, self: 'zsnas-ci' },
  { name: 'GITHUB_TOKEN', identity: { kind: 'app', slug: 'github-actions' }, self: 'github-actions[bot]' },
  { name: 'GITHUB_TOKEN, GraphQL unreachable', identity: { kind: 'app', slug: 'github-actions', graphql: false }, self: 'github-actions[bot]' },
  { name: 'another app token', identity: { kind: 'app', slug: 'acme-ci' }, self: 'acme-ci[bot]' },
];

for (const c of cases) {
  test(`${c.name}: planted markers ignored, own comment created once then updated`, async () => {
    const gh = await startFakeGitHub({ identity: c.identity });
    try {
      const planted: FakeComment[] = [
        // A user who copies the marker.
        { id: 1, body: `${marker}\n![x](https://evil.example/x.png)`, html_url: 'p1', user: { login: 'mallory', type: 'User' } },
        // A look-alike: the user named like the bot (a bot identity), or an app named like the user (a personal token).
        c.self.endsWith('[bot]')
          ? { id: 2, body: `${marker}\nfake report`, html_url: 'p2', user: { login: c.self.replace('[bot]', ''), type: 'User' } }
          : { id: 2, body: `${marker}\nfake report`, html_url: 'p2', ...authorOf({ kind: 'app', slug: c.self }) },
        // Another app's bot with the same marker.
        { id: 3, body: `${marker}\nother bot`, html_url: 'p3', ...authorOf({ kind: 'app', slug: 'other-app' }) },
      ];
      gh.state.comments.set(5, planted.map((p) => ({ ...p })));
      const api = createGitHubApi('test-token', { baseUrl: gh.url });
      const first = await upsertComment(api, { owner, repo, issueNumber: 5, marker, body: `${marker}\none` });
      assert.equal(first.action, 'created');
      const second = await upsertComment(api, { owner, repo, issueNumber: 5, marker, body: `${marker}\ntwo` });
      assert.deepEqual({ id: second.id, action: second.action }, { id: first.id, action: 'updated' });

      const after = gh.state.comments.get(5)!;
      assert.equal(after.length, 4);
      assert.deepEqual(after.slice(0, 3), planted, 'planted comments untouched');
      assert.equal(after[3]!.body, `${marker}\ntwo`);
      assert.equal(after[3]!.user!.login, c.self);
      assert.deepEqual(gh.state.requests.filter((r) => r.startsWith('PATCH')), [`PATCH /repos/${owner}/${repo}/issues/comments/${first.id}`]);
      // The identity is asked once per client, not once per comment.
      assert.equal(gh.state.requests.filter((r) => r === 'GET /user').length, 1);
    } finally {
      await gh.close();
    }
  });
}
