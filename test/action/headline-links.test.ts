// The action fills the headline's facts: the workflow run link and whether the check fails the job (pipeline
// mode, in the summary and in the artifact's input), and in the workflow_run commenter the run and the results
// artifact of the pull_request run, never links that came inside the artifact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('pipeline mode: run link and fail-on-regression line; commenter: its own run and artifact links', async () => {
  const gh = await startFakeGitHub();
  try {
    const outDir = tempResultsDir();
    const pr = await runAction({
      inputs: { spec: 'configs/pr-check.yml', comment: 'false', 'fail-on-regression': 'true' },
      event: prPayload(5, { fork: true }), apiUrl: gh.url, pipeline: fakePipeline(fixtureInput(), outDir),
    });
    assert.equal(pr.failed, true, 'the fixture has regressions');
    assert.ok(pr.summary.includes('[workflow run](https://github.com/octo/zsnas-demo/actions/runs/4242)'), pr.summary);
    assert.ok(pr.summary.includes('**This check fails the job** (`fail-on-regression: true`)'));
    const saved = join(outDir, 'report', 'input.json');
    const json = JSON.parse(readFileSync(saved, 'utf8'));
    assert.equal(json.failOnRegression, true);
    // An artifact that carries its own links: they must not reach the comment.
    writeFileSync(saved, JSON.stringify({ ...json, runUrl: 'https://evil.example/run', artifactUrl: 'https://evil.example/a' }));

    gh.state.pulls.set(5, HEAD_SHA);
    gh.state.artifacts.set(99, [{ id: 31, name: 'other' }, { id: 32, name: 'zsnas-results' }]);
    const event = { workflow_run: { id: 99, head_sha: HEAD_SHA, html_url: 'https://github.com/octo/zsnas-demo/actions/runs/99', pull_requests: [] } };
    const inputs = { mode: 'comment', 'results-dir': outDir, 'github-token': 'test-token' };
    const posted = await runAction({ inputs, event, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(posted.failed, false, posted.summary);
    const body = gh.state.comments.get(5)![0]!.body;
    assert.ok(body.includes('[workflow run](https://github.com/octo/zsnas-demo/actions/runs/99)'), body);
    assert.ok(body.includes('[results artifact](https://github.com/octo/zsnas-demo/actions/runs/99/artifacts/32)'));
    assert.ok(body.includes('**This check fails the job**'));
    assert.ok(!body.includes('evil.example'));
    assert.ok(gh.state.requests.includes('GET /repos/octo/zsnas-demo/actions/runs/99/artifacts?per_page=100'));

    // Without actions: read (or any API error) the comment still goes out, without the artifact link.
    gh.state.artifacts.delete(99);
    const again = await runAction({ inputs, event, eventName: 'workflow_run', apiUrl: gh.url });
    assert.equal(again.failed, false);
    const edited = gh.state.comments.get(5)![0]!.body;
    assert.ok(edited.includes('[workflow run](https://github.com/octo/zsnas-demo/actions/runs/99)'));
    assert.ok(!edited.includes('[results artifact]'));
  } finally {
    await gh.close();
  }
});
