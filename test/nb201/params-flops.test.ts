// #Params and FLOPs equal the NAS-Bench-201 convention exactly (PROXIES.md section 8 test vectors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { countFlops, countParams } from '../../src/graph/count.js';

const NONE = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const ALL3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const ALL1 = '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|';
const I9930 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const RESNET = '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|';

const cases: Array<[string, string, 'cifar10' | 'cifar100' | 'ImageNet16-120', number, number]> = [
  ['all none', NONE, 'cifar10', 73_306, 7_783_050],
  ['all 3x3', ALL3, 'cifar10', 1_531_546, 220_119_690],
  ['index 9930', I9930, 'cifar10', 1_288_506, 184_730_250],
  ['ResNet-like', RESNET, 'cifar10', 559_386, 78_561_930],
  ['all 1x1', ALL1, 'cifar10', 241_306, 31_376_010],
  ['all none', NONE, 'cifar100', 79_156, 7_788_900],
  ['all 3x3', ALL3, 'cifar100', 1_537_396, 220_125_540],
  ['all none', NONE, 'ImageNet16-120', 80_456, 1_953_400],
  ['all 3x3', ALL3, 'ImageNet16-120', 1_538_696, 55_037_560],
];

for (const [label, arch, dataset, params, flops] of cases) {
  test(`${dataset} ${label}: ${params} params, ${flops} FLOPs`, () => {
    const g = buildNb201(arch, dataset);
    assert.equal(countParams(g), params);
    assert.equal(countFlops(g), flops);
  });
}

test('every conv3x3 in a cell costs 2,359,296 MACs on 32x32 inputs, whatever the stage', () => {
  const g = buildNb201(ALL3, 'cifar10');
  const cellConvs = g.nodes.filter((n) => n.op === 'conv2d' && /^s\d\.c\d\.e\d\d\.conv$/.test(n.id));
  assert.equal(cellConvs.length, 90);
  const one = (id: string) => countFlops({ ...g, nodes: g.nodes.filter((n) => n.id === id || n.id === g.nodes.find((m) => m.id === id)!.inputs[0]) });
  for (const id of ['s0.c0.e01.conv', 's1.c2.e12.conv', 's2.c4.e23.conv']) assert.equal(one(id), 2_359_296);
});
