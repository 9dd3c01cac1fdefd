// The option bounds of grasp, knas and linear_regions as the spec loader checks them: the reference defaults and
// their documented special values pass, values the proxies cannot run with are refused before scoring.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getProxy } from '../../src/proxies/index.js';
import { optionProblems } from '../../src/proxies/option-rules.js';

const keys = (proxy: string, options: Record<string, unknown>) => optionProblems(getProxy(proxy), options).map((p) => p.key);

test('defaults pass; knas entries 0 (= all, the paper scale) passes; bad values are refused', () => {
  for (const p of ['grasp', 'knas', 'linear_regions', 'ntk', 'grad_sign', 'zico']) assert.deepEqual(keys(p, getProxy(p).defaults), [], p);
  assert.deepEqual(keys('knas', { entries: 0 }), []);
  assert.deepEqual(keys('knas', { entries: -1 }), ['entries']);
  assert.deepEqual(keys('grasp', { hvp: 'exact' }), []);
  assert.deepEqual(keys('grasp', { hvp: 'double', eps: 0 }), ['hvp', 'eps']);
  assert.deepEqual(keys('linear_regions', { setting: 'lines', init: 'kaiming_normal_fanin' }), []);
  assert.deepEqual(keys('linear_regions', { setting: 'full', crops: 1, points: 1 }), ['setting', 'crops', 'points']);
});
