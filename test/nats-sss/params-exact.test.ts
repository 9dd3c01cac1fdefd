// #Params of the NATS-Bench size-space network equal NATS-Bench's stored counts: the published extremes for the
// three datasets, and every one of the 32,768 rows of the ground-truth table (params_c10 / c100 / in16).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countParams } from '../../src/graph/count.js';
import { loadTable, numericColumn, textColumn } from '../../src/data/groundtruth.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import { NATS_SSS_SIZE, sssArchAt, formatSssArch } from '../../src/spaces/nats-sss/arch.js';
import { sharedFile } from '../helpers/shared-data.js';

test('published extremes: 8:8:8:8:8 and 64:64:64:64:64 on CIFAR-10, CIFAR-100, ImageNet16-120', () => {
  const expected = {
    cifar10: [11714, 713674],
    cifar100: [12524, 719524],
    'ImageNet16-120': [12704, 720824],
  } as const;
  for (const [ds, [small, large]] of Object.entries(expected)) {
    assert.equal(countParams(buildNatsSss('8:8:8:8:8', ds as keyof typeof expected)), small, ds);
    assert.equal(countParams(buildNatsSss('64:64:64:64:64', ds as keyof typeof expected)), large, ds);
  }
});

const table = sharedFile('nats_sss/nats_sss_valid_acc_hp90.csv');

test('every SSS row: params_c10, params_c100, params_in16 exact, index order = itertools.product', { skip: table.skip }, () => {
  const t = loadTable(table.path);
  assert.equal(t.rowCount, NATS_SSS_SIZE);
  const index = numericColumn(t, 'index');
  const arch = textColumn(t, 'arch');
  const cols = { c10: numericColumn(t, 'params_c10'), c100: numericColumn(t, 'params_c100'), in16: numericColumn(t, 'params_in16') };
  const bad: string[] = [];
  for (let r = 0; r < t.rowCount; r++) {
    assert.equal(formatSssArch(sssArchAt(index[r])), arch[r], `row ${r + 2}: index ${index[r]}`);
    // The classifier is the only layer that depends on the class count (the first test builds all three):
    // build once, add C5 weights + 1 bias per extra class.
    const g = buildNatsSss(arch[r], 'cifar10');
    const base = countParams(g);
    const perClass = g.params.find((p) => p.name === 'head.fc.weight')!.shape[0] + 1;
    const got = { c10: base, c100: base + 90 * perClass, in16: base + 110 * perClass };
    for (const k of ['c10', 'c100', 'in16'] as const) if (got[k] !== cols[k][r]) bad.push(`${arch[r]} ${k}: ${got[k]} vs ${cols[k][r]}`);
  }
  assert.deepEqual(bad.slice(0, 10), []);
});
