// Run-derived text that the action itself puts into the job summary (an error message quoting an artifact's field,
// a baseline path from the spec) stays inert: no link, image, raw HTML or mention survives, and it shows verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMetadata } from '../../src/action/metadata.js';
import { ACTIVE_TYPES, allNodes, nodesOfType, parseGfm, shownText } from '../report/gfm.js';
import { fixtureInput } from '../report/fixture.js';
import { HEAD_SHA, REPO, fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

const HOSTILE = "x`` @octo/maintainers <img src=x onerror=alert(1)> [pwn](https://evil.example) ![i](https://evil.example/i.png) ``` #1 www.evil.example";

test('a failure quoting an artifact field: the message shows verbatim inside one code block', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-hostile-'));
  await writeMetadata(dir, { formatVersion: 1, experiment: HOSTILE, repository: REPO, prNumber: 3, headSha: HEAD_SHA });
  mkdirSync(join(dir, 'report'));
  writeFileSync(join(dir, 'report', 'input.json'), '{"experiment": "another"}');
  const event = { workflow_run: { id: 1, head_sha: HEAD_SHA, html_url: 'https://github.com/octo/zsnas-demo/actions/runs/1', pull_requests: [{ number: 3 }] } };
  // input.json is of another experiment: the refusal quotes the artifact's experiment name.
  const res = await runAction({ inputs: { mode: 'comment', 'results-dir': dir, 'github-token': 't' }, event, eventName: 'workflow_run', apiUrl: 'http://127.0.0.1:9' });
  assert.equal(res.failed, true);
  const tree = parseGfm(res.summary);
  assert.deepEqual(allNodes(tree).filter((n) => ACTIVE_TYPES.includes(n.type)).map((n) => n.type), []);
  const code = nodesOfType(tree, 'code');
  assert.equal(code.length, 1);
  assert.ok(code[0]!.value!.includes(HOSTILE), code[0]!.value);
  // Outside the code block, only the heading: nothing from the message is live text.
  assert.equal(shownText(tree).trim(), '❌ zsnas failed');
});

test('a baseline path from the spec shows verbatim in a code span in the summary note', async () => {
  const outDir = tempResultsDir();
  const pipeline = fakePipeline(fixtureInput(), outDir);
  const path = `reports/${HOSTILE}.json`;
  pipeline.updateBaseline = async () => ({ baselinePath: path });
  const res = await runAction({ inputs: { spec: 'configs/pr-check.yml', mode: 'baseline', comment: 'false' }, event: prPayload(4), apiUrl: 'http://127.0.0.1:9', pipeline });
  assert.equal(res.failed, false, res.summary.slice(0, 300));
  const note = parseGfm(res.summary).children!.find((n) => n.type === 'blockquote' && shownText(n).startsWith('Baseline written to'));
  assert.ok(note, res.summary.slice(0, 400));
  assert.deepEqual(allNodes(note).filter((n) => ACTIVE_TYPES.includes(n.type)).map((n) => n.type), []);
  assert.deepEqual(nodesOfType(note, 'inlineCode').map((n) => n.value), [path]);
});
