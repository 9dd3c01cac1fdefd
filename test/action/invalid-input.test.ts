// A bad input fails the step with what was given and what was expected, and still writes the summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureInput } from '../report/fixture.js';
import { fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

test('unknown mode', async () => {
  const pipeline = fakePipeline(fixtureInput(), tempResultsDir());
  const res = await runAction({ inputs: { spec: 'configs/pr-check.yml', mode: 'benchmark' }, event: prPayload(3), apiUrl: 'http://127.0.0.1:9', pipeline });
  assert.equal(res.failed, true);
  assert.equal(pipeline.calls.length, 0);
  assert.ok(res.summary.includes('Input `mode` is "benchmark"; expected one of: run, compare, comment, baseline'));
});
