// Keras 'same' padding becomes explicit PyTorch-style pads: out = ceil(in / stride), total pad
// max((out - 1) * stride + k - in, 0), the odd pixel after (bottom/right). Checked on stride 2, even and odd sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { samePad1d } from '../../src/spaces/keras/padding.js';
import { buildKeras } from '../../src/spaces/keras/build.js';

const layer = (cls: string, config: Record<string, unknown>) => ({ class_name: cls, config });
const model = (size: number, body: ReturnType<typeof layer>[]) => ({
  class_name: 'Sequential',
  config: { name: 'm', layers: [layer('InputLayer', { batch_input_shape: [null, size, size, 3], name: 'in' }), ...body,
    layer('GlobalAveragePooling2D', { name: 'gap' }), layer('Dense', { name: 'fc', units: 2 })] },
});

test('samePad1d on stride 2: even sizes pad after only, odd sizes both sides', () => {
  // in 32, k 3: out 16, total 15*2 + 3 - 32 = 1 -> [0, 1]
  assert.deepEqual(samePad1d(32, 3, 2), [0, 1]);
  // in 33, k 3: out 17, total 16*2 + 3 - 33 = 2 -> [1, 1]
  assert.deepEqual(samePad1d(33, 3, 2), [1, 1]);
  // in 32, k 5: out 16, total 30 + 5 - 32 = 3 -> [1, 2];  in 31, k 5: out 16, total 30 + 5 - 31 = 4 -> [2, 2]
  assert.deepEqual(samePad1d(32, 5, 2), [1, 2]);
  assert.deepEqual(samePad1d(31, 5, 2), [2, 2]);
  // in 32, k 1: total 30 + 1 - 32 = -1 -> no padding;  in 7, k 2 (pool): out 4, total 6 + 2 - 7 = 1 -> [0, 1]
  assert.deepEqual(samePad1d(32, 1, 2), [0, 0]);
  assert.deepEqual(samePad1d(7, 2, 2), [0, 1]);
  // stride 1 keeps the size: k 3 -> [1, 1]
  assert.deepEqual(samePad1d(9, 3, 1), [1, 1]);
});

test('Conv2D and pooling with padding same, stride 2, on even and odd inputs', () => {
  const conv = layer('Conv2D', { name: 'c', filters: 4, kernel_size: [3, 3], strides: [2, 2], padding: 'same' });
  const pool = layer('AveragePooling2D', { name: 'p', pool_size: [2, 2], strides: [2, 2], padding: 'same' });
  const even = buildKeras(model(32, [conv, pool]), 'even', 'even.json');
  const odd = buildKeras(model(33, [conv, pool]), 'odd', 'odd.json');
  const node = (g: typeof even, id: string) => g.nodes.find((n) => n.id === id) as { pad: number[]; shape: number[] };
  assert.deepEqual(node(even, 'c').pad, [0, 1, 0, 1]);
  assert.deepEqual(node(even, 'c').shape, [16, 16, 4], 'ceil(32 / 2)');
  assert.deepEqual(node(odd, 'c').pad, [1, 1, 1, 1]);
  assert.deepEqual(node(odd, 'c').shape, [17, 17, 4], 'ceil(33 / 2)');
  // pool on 17: out 9, total 8*2 + 2 - 17 = 1 -> [0, 1]; on 16: total 0
  assert.deepEqual(node(odd, 'p').pad, [0, 1, 0, 1]);
  assert.deepEqual(node(odd, 'p').shape, [9, 9, 4]);
  assert.deepEqual(node(even, 'p').pad, [0, 0, 0, 0]);
});
