// One latency and one correlation regression: regressions=2; the step fails only with fail-on-regression=true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureInput } from '../report/fixture.js';
import { fakePipeline, prPayload, runAction, tempResultsDir } from './harness.js';

for (const fail of [true, false]) {
  test(`fail-on-regression=${fail}`, async () => {
    const input = fixtureInput();
    const kinds = input.comparison!.items.filter((i) => i.verdict === 'regression').map((i) => i.kind).sort();
    assert.deepEqual(kinds, ['correlation', 'latency']);
    const pipeline = fakePipeline(input, tempResultsDir());
    const res = await runAction({
      inputs: { spec: 'configs/pr-check.yml', mode: 'run', comment: 'false', backend: 'wasm', 'fail-on-regression': String(fail) },
      event: prPayload(3),
      apiUrl: 'http://127.0.0.1:9', // never called: comment is off
      pipeline,
    });
    assert.equal(res.outputs.regressions, '2');
    assert.equal(res.outputs.verdict, 'regression');
    assert.equal(res.failed, fail);
    assert.deepEqual(pipeline.calls.map((c) => c.split(' ')[0]), ['run', 'compare']);
    assert.ok(pipeline.calls[0]!.endsWith(' wasm'));
    assert.ok(res.summary.includes('**❌ 2 regressions'));
  });
}
