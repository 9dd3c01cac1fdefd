// Running the action twice on a pull request leaves exactly ONE comment, updated in place, with pushed chart images.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGitHub } from '../publish/fake-github.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('two runs: one comment, created then updated', async () => {
  const gh = await startFakeGitHub();
  try {
    gh.state.comments.set(7, [{ id: 1, body: 'LGTM', html_url: 'x' }]);
    const inputs = { spec: 'configs/pr-check.yml', mode: 'run', 'github-token': 'test-token', 'results-dir': 'zsnas-results' };
    const outDir = tempResultsDir();
    const first = await runAction({ inputs, event: prPayload(7), apiUrl: gh.url, pipeline: fakePipeline(fixtureInput(), outDir) });
    assert.equal(first.failed, false);
    const afterFirst = gh.state.comments.get(7)!;
    assert.equal(afterFirst.length, 2);
    const id = afterFirst[1]!.id;

    const second = fixtureInput();
    second.comparison!.items = second.comparison!.items.filter((i) => i.verdict !== 'regression');
    second.comparison!.counts.regression = 0;
    const run2 = await runAction({ inputs, event: prPayload(7), apiUrl: gh.url, pipeline: fakePipeline(second, outDir) });
    assert.equal(run2.failed, false);

    const comments = gh.state.comments.get(7)!;
    assert.equal(comments.length, 2, 'still one zsnas comment beside the human one');
    assert.equal(comments[1]!.id, id);
    assert.ok(comments[1]!.body.startsWith('<!-- zsnas:pr-check -->\n'));
    assert.ok(comments[1]!.body.includes('**✅ 1 improvement · 37 unchanged**'), 'second run content');
    assert.equal(gh.state.requests.filter((r) => r.startsWith('POST /repos/octo/zsnas-demo/issues/7/comments')).length, 1);
    assert.equal(gh.state.requests.filter((r) => r.startsWith('PATCH /repos/octo/zsnas-demo/issues/comments/')).length, 1);
    // Charts inline from the assets branch.
    const url = `https://github.com/octo/zsnas-demo/blob/zsnas-assets/pr-7/${HEAD_SHA}/correlation.png?raw=true`;
    assert.ok(comments[1]!.body.includes(`![Rank correlation with accuracy per proxy](${url})`));
    assert.equal([...gh.state.files.keys()].filter((k) => k.startsWith(`zsnas-assets:pr-7/${HEAD_SHA}/`)).length, 6);
    assert.equal(run2.outputs.verdict, 'improvement');
    assert.ok(run2.summary.includes('<!-- zsnas:pr-check -->') && run2.summary.includes(url));
  } finally {
    await gh.close();
  }
});
