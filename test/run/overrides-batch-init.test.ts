// run --batch-size / --init (what `zsnas sweep --jobs` hands each child): applied to the spec, bad values refused
// with the flag named, and --init pytorch leaves no init field (the run key of a default run is unchanged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { applyOverrides } from '../../src/commands/overrides.js';

const spec = parseSpec('name: x\ninit: xavier_uniform\ndata: { batch_size: 64 }\n', 'x.yml', specOptions());

test('--batch-size and --init override the spec', () => {
  const s = applyOverrides(spec, { batchSize: '8', init: 'kaiming_uniform_fan_out' });
  assert.equal(s.data.batchSize, 8);
  assert.equal(s.init, 'kaiming_uniform_fan_out');
  assert.ok(!('init' in applyOverrides(spec, { init: 'pytorch' })));
  assert.equal(spec.data.batchSize, 64, 'the parsed spec is not mutated');
});

test('bad values name the flag and what is expected', () => {
  assert.throws(() => applyOverrides(spec, { batchSize: '0' }), /--batch-size: got "0", expected a positive integer/);
  assert.throws(() => applyOverrides(spec, { init: 'he' }), /--init: got "he", expected one of pytorch, kaiming_normal_fan_in/);
});
