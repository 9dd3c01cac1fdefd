// Chart axes show NB201 cells by their ops per node; other long names are cut in the middle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortArch } from '../../src/report/charts.js';

test('short arch labels', () => {
  assert.equal(shortArch('|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|'), 'c3 / ∅ c3 / skip ∅ pool');
  assert.equal(shortArch('resnet18'), 'resnet18');
  assert.equal(shortArch('a'.repeat(20) + 'b'.repeat(20)), `${'a'.repeat(15)}…${'b'.repeat(15)}`);
});
