// Chart images go to an orphan zsnas-assets branch at pr-<n>/<sha>/<file>; a re-run replaces them (sha supplied).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from './fake-github.js';
import { createGitHubApi } from '../../src/publish/github-api.js';
import { pushAssets } from '../../src/publish/assets.js';

test('creates the branch once, pushes files, returns blob ?raw=true URLs', async () => {
  const gh = await startFakeGitHub();
  try {
    const api = createGitHubApi('test-token', { baseUrl: gh.url });
    const sha = 'b'.repeat(40);
    const args = { owner: 'octo', repo: 'zsnas-demo', prNumber: 9, headSha: sha, serverUrl: 'https://github.com', files: [{ name: 'correlation.png', data: Buffer.from('one') }] };
    const urls = await pushAssets(api, args);
    assert.deepEqual(urls, { 'correlation.png': `https://github.com/octo/zsnas-demo/blob/zsnas-assets/pr-9/${sha}/correlation.png?raw=true` });
    await pushAssets(api, { ...args, files: [{ name: 'correlation.png', data: Buffer.from('two') }] });
    assert.deepEqual([...gh.state.branches.keys()], ['zsnas-assets']);
    assert.equal(gh.state.files.get(`zsnas-assets:pr-9/${sha}/correlation.png`)!.content.toString(), 'two');
    assert.equal(gh.state.requests.filter((r) => r.startsWith('POST /repos/octo/zsnas-demo/git/refs')).length, 1);
  } finally {
    await gh.close();
  }
});
