// `space: nats-sss` archs (strings checked by the SSS parser, indices up to 32767), `init:` and `sweep:` in a spec,
// with file:line:col errors naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';

const parse = (text: string) => parseSpec(text, 'configs/x.yml', specOptions());

test('nats-sss accepts C1:C2:C3:C4:C5 strings and indices up to 32767; init and sweep resolve', () => {
  const spec = parse('name: x\nspace: nats-sss\narchs: ["8:16:24:32:64", 32767]\ninit: xavier_normal\n' +
    'sweep:\n  batch_size: [1, 8]\n  init: [pytorch, kaiming_uniform_fan_out]\n');
  assert.equal(spec.space, 'nats-sss');
  assert.deepEqual(spec.archs, { kind: 'list', items: ['8:16:24:32:64', 32767] });
  assert.equal(spec.init, 'xavier_normal');
  assert.deepEqual(spec.sweep, { batchSizes: [1, 8], inits: ['pytorch', 'kaiming_uniform_fan_out'] });
  assert.equal(parse('name: x\n').init, undefined, 'the default init (pytorch) is not written into the spec');
});

test('a bad SSS arch names line, column, position and the allowed channel counts', () => {
  assert.throws(() => parse('name: x\nspace: nats-sss\narchs:\n  - "8:8:12:8:8"\n'), (e: Error) => {
    assert.match(e.message, /configs\/x\.yml:4:5: archs\[0\]: got "8:8:12:8:8", expected a valid NATS-Bench SSS arch string: invalid NATS-Bench SSS arch string at character 5: expected channel count 3 of 5, one of 8, 16, 24, 32, 40, 48, 56, 64/);
    return true;
  });
  assert.throws(() => parse('name: x\nspace: nats-sss\narchs: [32768]\n'), /archs\[0\]: got 32768, expected an integer from 0 to 32767/);
  assert.throws(() => parse('name: x\nspace: nats-sss\narchs: {sample: {n: 40000}}\n'), /archs\.sample\.n: got 40000, expected an integer from 1 to 32768/);
  // NB201 strings are not SSS strings, and the other way round.
  assert.throws(() => parse('name: x\narchs: ["8:8:8:8:8"]\n'), /expected a valid NB201 arch string/);
});

test('unknown init and bad sweep values are reported with the nearest name', () => {
  assert.throws(() => parse('name: x\ninit: xavier_norml\n'), /configs\/x\.yml:2:7: init: got "xavier_norml", expected one of pytorch, .*xavier_normal \(did you mean "xavier_normal"\?\)/);
  assert.throws(() => parse('name: x\nsweep:\n  batch_size: [1, 0]\n'), /sweep\.batch_size\[1\]: got 0, expected an integer >= 1/);
  assert.throws(() => parse('name: x\nsweep:\n  init: [pytorch, pytorch]\n'), /sweep\.init\[1\]: got pytorch again, expected each value once/);
  assert.throws(() => parse('name: x\nsweep: {}\n'), /sweep: got no values, expected batch_size and\/or init lists/);
});
