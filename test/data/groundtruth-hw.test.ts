// HW-NAS-Bench table: row 0 matches the HW-NAS-Bench README example; EdgeTPU -1 reads as missing (NaN).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costByIndex, loadTable, numericColumn } from '../../src/data/groundtruth.js';
import { sharedFile } from '../helpers/shared-data.js';

const hw = sharedFile('nb201/nb201_hw_nas_bench.csv');

test('row 0 CIFAR-10 Jetson TX2 latency is 5.807418537 ms (5 significant digits in the CSV)', { skip: hw.skip }, () => {
  const lat = costByIndex(hw.path, 'c10_edgegpu_latency');
  assert.equal(lat.length, 15625);
  assert.ok(Math.abs(lat[0] - 5.807418537) < 1e-5, String(lat[0]));
});

test('edgetpu_latency -1 is NaN (4,699 archs per dataset); the raw table keeps -1', { skip: hw.skip }, () => {
  const raw = numericColumn(loadTable(hw.path), 'c10_edgetpu_latency');
  const tpu = costByIndex(hw.path, 'c10_edgetpu_latency');
  const rawMissing = raw.filter((v) => v === -1).length;
  assert.equal(rawMissing, 4699);
  assert.equal(tpu.filter((v) => Number.isNaN(v)).length, 4699);
  const first = raw.findIndex((v) => v === -1);
  assert.ok(Number.isNaN(tpu[numericColumn(loadTable(hw.path), 'index')[first]]));
  assert.ok(tpu.filter((v) => !Number.isNaN(v)).every((v) => v > 0));
});
