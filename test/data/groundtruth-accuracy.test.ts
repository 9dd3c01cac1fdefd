// NB201 accuracy table: row count, published maxima, index <-> arch maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyByArch, accuracyByIndex, archByIndex, indexByArch, loadTable } from '../../src/data/groundtruth.js';
import { sharedFile } from '../helpers/shared-data.js';

const acc = sharedFile('nb201/nb201_accuracy.csv');

function argmax(a: Float64Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i] > a[best]) best = i;
  return best;
}

test('15,625 rows with the documented columns', { skip: acc.skip }, () => {
  const t = loadTable(acc.path);
  assert.equal(t.rowCount, 15625);
  assert.deepEqual(t.columns.slice(0, 5), ['index', 'arch', 'c10_test_200e', 'c100_test_200e', 'in16_test_200e']);
  assert.ok(t.data.get('index') instanceof Float64Array);
  assert.ok(Array.isArray(t.data.get('arch')));
});

test('maxima: CIFAR-10 94.3733 at 6111, CIFAR-100 73.5133 at 9930, ImageNet16 47.3111 at 857', { skip: acc.skip }, () => {
  for (const [col, value, index] of [['c10_test_200e', 94.3733, 6111], ['c100_test_200e', 73.5133, 9930], ['in16_test_200e', 47.3111, 857]] as const) {
    const a = accuracyByIndex(acc.path, col);
    assert.equal(a.length, 15625);
    assert.equal(argmax(a), index, col);
    assert.ok(Math.abs(a[index] - value) < 5e-5, `${col}: ${a[index]}`);
  }
});

test('arch <-> index maps agree with accuracyByArch', { skip: acc.skip }, () => {
  const arch9930 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';
  const byIndex = archByIndex(acc.path);
  assert.equal(byIndex.length, 15625);
  assert.equal(byIndex[9930], arch9930);
  const idx = indexByArch(acc.path);
  assert.equal(idx.size, 15625);
  assert.equal(idx.get(arch9930), 9930);
  assert.ok(Math.abs(accuracyByArch(acc.path, 'c100_test_200e').get(arch9930)! - 73.5133) < 5e-5);
});
