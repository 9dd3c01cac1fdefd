// nn_mass on NB201: zsnas's own cell extension (live long-range links / 3 x channels x conv depth, summed over
// cells) on archs worked by hand, widths read from the graph. The authors' residual forms: nn_mass-residual.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArch } from '../../src/spaces/nb201/arch.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import nnMass, { nb201CellMass, nnMass as massOf } from '../../src/proxies/nn_mass.js';
import { assertDeterministicNoLeak, relClose } from './fwd-helpers.js';

const ALL_3X3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const IDX_9930 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const RESNET_LIKE = '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|';
const MIXED = '|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|';
const DEAD_NODE1 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|skip_connect~0|none~1|nor_conv_1x1~2|';
const ALL_NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

// C = 16, N = 5: every network has 5 cells at each width 16, 32, 64 -> mass = 5 * 112 * rho * d = 560 rho d.
test('all-3x3: depth 3 (0-1-2-3), rho 3/3 -> 560 * 3 = 1680', () => {
  assert.deepEqual(nb201CellMass(parseArch(ALL_3X3)), { depth: 3, density: 1 });
  assert.equal(massOf(buildNb201(ALL_3X3)), 1680);
});

test('index 9930: long edges 0-2 conv, 0-3 skip, 1-3 conv all live; depth 3 -> 1680', () => {
  assert.deepEqual(nb201CellMass(parseArch(IDX_9930)), { depth: 3, density: 1 });
  assert.equal(massOf(buildNb201(IDX_9930)), 1680);
});

test('mixed: depth max(3x3+1x1, skip+3x3, pool) = 2, rho 1 -> 1120', () => {
  assert.deepEqual(nb201CellMass(parseArch(MIXED)), { depth: 2, density: 1 });
  assert.equal(massOf(buildNb201(MIXED)), 1120);
});

test('dead node 1 (feeds only none edges): its edges do not count; rho 2/3, depth 2 -> 746.67', () => {
  assert.deepEqual(nb201CellMass(parseArch(DEAD_NODE1)), { depth: 2, density: 2 / 3 });
  relClose(massOf(buildNb201(DEAD_NODE1)), 560 * (2 / 3) * 2, 1e-12);
});

test('ResNet-like string (cell output = skip of its input) and all-none: mass 0', () => {
  assert.deepEqual(nb201CellMass(parseArch(RESNET_LIKE)), { depth: 0, density: 1 / 3 });
  assert.equal(massOf(buildNb201(RESNET_LIKE)), 0);
  assert.deepEqual(nb201CellMass(parseArch(ALL_NONE)), { depth: 0, density: 0 });
  assert.equal(massOf(buildNb201(ALL_NONE)), 0);
});

test('widths and cell counts come from the graph: C = 8, N = 2 -> 2 * (8 + 16 + 32) * 3 = 336', () => {
  assert.equal(massOf(buildNb201(ALL_3X3, 'cifar10', 8, 2)), 336);
  assert.equal(massOf(buildNb201(MIXED, 'ImageNet16-120')), 1120);
});

test('NB201 nn_mass is deterministic and tensor-free', async () => {
  assert.equal(await assertDeterministicNoLeak(buildNb201(IDX_9930), nnMass, {}, []), 1680);
});
