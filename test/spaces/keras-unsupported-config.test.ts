// Supported classes with settings the IR cannot express are refused naming the layer and the setting:
// dilation, channels_first, an unknown activation, a softmax before the output, a ZeroPadding2D feeding a pool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeras } from '../../src/spaces/keras/build.js';

const seq = (...body: Array<[string, Record<string, unknown>]>) => ({
  class_name: 'Sequential',
  config: { name: 'm', layers: [['InputLayer', { name: 'in', batch_input_shape: [null, 8, 8, 3] }], ...body,
    ['GlobalAveragePooling2D', { name: 'gap' }], ['Dense', { name: 'fc', units: 2, activation: 'softmax' }]]
    .map(([class_name, config]) => ({ class_name, config })) },
});
const conv = (extra: Record<string, unknown>): [string, Record<string, unknown>] =>
  ['Conv2D', { name: 'c', filters: 4, kernel_size: 3, padding: 'same', ...extra }];

test('settings without an IR equivalent are refused with the layer named', () => {
  const cases: Array<[ReturnType<typeof seq>, string]> = [
    [seq(conv({ dilation_rate: [2, 2] })), 'm.json: layer "c" (Conv2D): dilation_rate [2, 2] is not supported (dilated convolutions are not in the IR)'],
    [seq(conv({ data_format: 'channels_first' })), 'm.json: layer "c" (Conv2D): data_format channels_first is not supported (NHWC / channels_last only)'],
    [seq(conv({ activation: 'swish' })), 'm.json: layer "c" (Conv2D): activation "swish" is not supported (linear, relu, relu6; softmax only on the output layer, where it is dropped to give logits)'],
    [seq(conv({ activation: 'softmax' })), 'm.json: layer "c" (Conv2D): activation "softmax" is not supported (linear, relu, relu6; softmax only on the output layer, where it is dropped to give logits)'],
    [seq(['ZeroPadding2D', { name: 'zp', padding: 1 }], ['MaxPooling2D', { name: 'mp' }]),
      'm.json: layer "mp" (MaxPooling2D): reads ZeroPadding2D "zp", which is folded into a following Conv2D, DepthwiseConv2D or SeparableConv2D only'],
  ];
  for (const [json, message] of cases) assert.throws(() => buildKeras(json, 'm', 'm.json'), { message });
  // The softmax on the output layer is dropped: the graph ends in logits.
  const g = buildKeras(seq(conv({ activation: 'relu' })), 'm', 'm.json');
  assert.equal(g.output, 'fc');
});
