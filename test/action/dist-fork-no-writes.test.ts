// The committed bundle on a fork PR (mode run, a one-arch spec that scores in seconds): comment and chart push are on
// and the token would be accepted, yet the fake API sees no request but reads; the summary and metadata say why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../publish/fake-github.js';
import { REPO, STALE_HINT, gitCheckout, runDist, tinySpec } from './dist-harness.js';

const TINY_SPEC = tinySpec('latency:\n  enabled: false\nbackend: cpu\n');

test('node dist/action/index.js, fork pull_request payload: zero non-GET requests', async () => {
  const gh = await startFakeGitHub();
  try {
    // A real checkout (base and head commits), as a PR job has: the action may read the base side from git.
    const checkout = gitCheckout({ 'tiny.yml': TINY_SPEC }, { 'tiny.yml': TINY_SPEC.replace('batch_size: 2', 'batch_size: 3') });
    const event = {
      action: 'synchronize',
      number: 12,
      pull_request: {
        number: 12,
        head: { sha: checkout.headSha, ref: 'patch-1', repo: { full_name: 'stranger/zsnas-demo' } },
        base: { sha: checkout.baseSha, ref: 'main', repo: { full_name: REPO } },
      },
      repository: { full_name: REPO },
    };
    const res = await runDist({
      inputs: { spec: 'tiny.yml', mode: 'run', 'github-token': 'test-token', comment: 'true', 'push-charts': 'true', 'results-dir': 'results' },
      event,
      eventName: 'pull_request',
      apiUrl: gh.url,
      dir: checkout.dir,
    });
    assert.equal(res.code, 0, res.log);
    assert.deepEqual(gh.state.requests.filter((r) => !r.startsWith('GET ')), [], STALE_HINT);
    assert.equal(gh.state.comments.size, 0);
    assert.ok(res.summary.startsWith('> This pull request comes from a fork: zsnas made no write request to GitHub'), res.summary.slice(0, 300));
    assert.ok(res.summary.includes('<!-- zsnas:tiny -->'));
    const meta = JSON.parse(readFileSync(join(res.dir, 'results', 'zsnas-meta.json'), 'utf8'));
    assert.equal(meta.fork, true);
    assert.equal(meta.headSha, checkout.headSha);
    assert.match(meta.notPosted, /^This pull request comes from a fork: zsnas made no write request/);
  } finally {
    await gh.close();
  }
});
