// Proxy options are checked against each proxy's metadata when the spec is read, with file:line:col: counts are
// positive integers, zico's batches >= 2 and no more than data.batches, ntk's init one of the schemes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';

const refusal = (text: string) => {
  try { parseSpec(`name: t\narchs: [0]\n${text}`, 'spec.yml', specOptions()); } catch (e) { return (e as Error).message; }
  assert.fail('accepted');
};

test('out-of-bounds and mistyped options', () => {
  assert.match(refusal('proxies: [{ name: naswot, options: { samples: -1 } }]\n'), /^spec\.yml:3:47: proxies\[0\]\.options\.samples: got -1, expected an integer from 1 to 100000$/);
  assert.match(refusal('proxies: [{ name: naswot, options: { samples: 2.5 } }]\n'), /options\.samples: got 2\.5/);
  assert.match(refusal('proxies: [{ name: grasp, options: { eps: 0 } }]\n'), /options\.eps: got 0, expected a finite number > 0/);
  assert.match(refusal('proxies: [{ name: synflow, options: { rescale: "yes" } }]\n'), /options\.rescale: got "yes", expected true or false/);
  assert.match(refusal('proxies: [{ name: ntk, options: { init: kaiming } }]\n'), /options\.init: got "kaiming", expected one of pytorch/);
  assert.match(refusal('proxies: [{ name: naswot, options: { sample: 8 } }]\n'), /options\.sample: got an unknown option, expected one of samples \(did you mean "samples"\?\)/);
});

test('zico: batches >= 2, and data.batches must supply them', () => {
  assert.match(refusal('proxies: [{ name: zico, options: { batches: 1 } }]\n'), /options\.batches: got 1, expected an integer from 2 to 1024/);
  assert.match(refusal('data: { batches: 1 }\nproxies: [zico]\n'), /^spec\.yml:4:11: proxies\[0\]\.name: got "zico", which reads 2 calibration batches, with data\.batches 1, expected data\.batches >= 2/);
  parseSpec('name: t\narchs: [0]\ndata: { batches: 3 }\nproxies: [{ name: zico, options: { batches: 3 } }]\n', 'spec.yml', specOptions());
});
