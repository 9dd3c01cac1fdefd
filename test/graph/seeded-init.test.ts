// The same (arch, seed) always gets the same weights, whatever was initialised before; PyTorch default bounds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { initValues } from '../../src/graph/init.js';

const A = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const B = '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';

test('same arch and seed give identical bits, independent of evaluation order', () => {
  const g = buildNb201(A);
  const first = g.params.map((p) => initValues(p, 7, A, 'pytorch'));
  buildNb201(B).params.forEach((p) => initValues(p, 7, B, 'pytorch')); // other work in between
  const again = [...g.params].reverse().map((p) => initValues(p, 7, A, 'pytorch')).reverse();
  first.forEach((v, i) => assert.deepEqual(again[i], v));
  assert.notDeepEqual(initValues(g.params[0], 8, A, 'pytorch'), first[0]);
});

test('PyTorch default init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) weights, gamma 1, beta 0', () => {
  const g = buildNb201(A);
  const conv = g.params.find((p) => p.name === 's0.c0.e01.conv.weight')!;
  assert.equal(conv.fanIn, 9 * 16);
  const v = initValues(conv, 0, A, 'pytorch');
  const bound = 1 / Math.sqrt(144);
  assert.ok(v.every((x) => Math.abs(x) <= bound));
  const variance = v.reduce((s, x) => s + x * x, 0) / v.length;
  assert.ok(Math.abs(variance - bound * bound / 3) < 0.05 * bound * bound / 3, `variance ${variance}`);
  const gamma = g.params.find((p) => p.role === 'gamma')!;
  assert.ok(initValues(gamma, 0, A, 'pytorch').every((x) => x === 1));
  const beta = g.params.find((p) => p.role === 'beta')!;
  assert.ok(initValues(beta, 0, A, 'pytorch').every((x) => x === 0));
});
