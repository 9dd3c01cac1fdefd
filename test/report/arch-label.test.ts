// Short arch labels: NB201 cells as their ops per node, model files by name, long names cut in the middle, all unique.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { archLabel, labelArchs } from '../../src/report/labels.js';
import { shortArch } from '../../src/report/charts.js';

test('short arch labels', () => {
  assert.equal(archLabel('|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|avg_pool_3x3~2|'), '3/x3/sxp');
  assert.equal(archLabel('|nor_conv_1x1~0|+|skip_connect~0|nor_conv_1x1~1|+|none~0|none~1|nor_conv_3x3~2|'), '1/s1/xx3');
  assert.equal(shortArch('|avg_pool_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|'), 'p/xx/xxx');
  assert.equal(archLabel('resnet18'), 'resnet18');
  assert.equal(archLabel('keras/small_cnn.json'), 'small_cnn');
  assert.equal(archLabel('a'.repeat(20) + 'b'.repeat(20)), `${'a'.repeat(11)}…${'b'.repeat(12)}`);
});

test('labels are unique within a report', () => {
  const labels = labelArchs(['a/net.json', 'b/net.json', 'net', 'x'.repeat(40), `${'x'.repeat(39)}y`]);
  assert.deepEqual([...labels.values()], ['net', 'net #2', 'net #3', `${'x'.repeat(11)}…${'x'.repeat(12)}`, `${'x'.repeat(11)}…${'x'.repeat(11)}y`]);
  assert.equal(new Set(labels.values()).size, 5);
});
