// Proxy names are checked against the registered names (unless a module is given), with a suggestion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

const known = ['params', 'flops', 'grad_norm', 'snip', 'synflow'];

test('an unknown proxy name, as a plain item or in a map', () => {
  assert.throws(() => parseSpec('name: x\nproxies: [params, flops, gradnorm]\n', 'configs/x.yml', { knownProxies: known }), {
    message: 'configs/x.yml:2:26: proxies[2].name: got "gradnorm", expected one of params, flops, grad_norm, snip, synflow '
      + '(did you mean "grad_norm"?)',
  });
  assert.throws(() => parseSpec('name: x\nproxies:\n  - name: synflw\n', 'configs/x.yml', { knownProxies: known }), {
    message: 'configs/x.yml:3:11: proxies[0].name: got "synflw", expected one of params, flops, grad_norm, snip, synflow '
      + '(did you mean "synflow"?)',
  });
});

test('a custom module makes any name acceptable; duplicates are not', () => {
  const spec = parseSpec('name: x\nproxies:\n  - {name: mine, module: ./m.js}\n', '/s/x.yml', { knownProxies: known });
  assert.deepEqual(spec.proxies, [{ name: 'mine', module: '/s/m.js', options: {} }]);
  assert.throws(() => parseSpec('name: x\nproxies: [snip, {name: snip}]\n', 'configs/x.yml', { knownProxies: known }), {
    message: 'configs/x.yml:2:24: proxies[1].name: got "snip" again (also proxies[0]), expected each proxy once',
  });
});
