// Keras files with out-of-range numbers are refused with the layer and field; a layer named "input" is an ordinary
// layer (it was mistaken for the model input and dropped: 40 params instead of 314); 20,000-layer chains and
// deeply nested inbound lists are read without exhausting the call stack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKeras } from '../../src/spaces/keras/build.js';
import { countParams } from '../../src/graph/count.js';

type Layer = { class_name: string; config: Record<string, unknown>; inbound_nodes?: unknown[] };
const inputLayer = (name = 'img'): Layer => ({ class_name: 'InputLayer', config: { name, batch_input_shape: [null, 8, 8, 3] } });
const call = (from: string) => [[[from, 0, 0, {}]]];

function functional(layers: Layer[], input = 'img', output = 'out') {
  return { class_name: 'Functional', config: { layers, input_layers: [[input, 0, 0]], output_layers: [[output, 0, 0]] } };
}
function sequential(mid: Layer[]) {
  return { class_name: 'Sequential', config: { layers: [inputLayer(), ...mid, { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } }, { class_name: 'Dense', config: { name: 'out', units: 10 } }] } };
}
const conv = (over: Record<string, unknown>): Layer => ({ class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: 3, strides: 1, padding: 'same', ...over } });

test('a Functional layer named "input" is scored, not skipped', () => {
  const model = functional([
    { ...inputLayer(), inbound_nodes: [] },
    { class_name: 'Conv2D', config: { name: 'input', filters: 8, kernel_size: 3, padding: 'same' }, inbound_nodes: call('img') },
    { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' }, inbound_nodes: call('input') },
    { class_name: 'Dense', config: { name: 'out', units: 10 }, inbound_nodes: call('gap') },
  ]);
  // conv 3*3*3*8 + 8 = 224, dense 8*10 + 10 = 90
  assert.equal(countParams(buildKeras(model, 'm', 'm.json')), 314);
});

test('numeric fields: zero, negative, fractional, huge, missing, strings', () => {
  const bad: Array<[Layer, RegExp]> = [
    [conv({ kernel_size: 0 }), /layer "c" \(Conv2D\): kernel_size: got 0, expected an integer from 1 to 1024/],
    [conv({ kernel_size: -3 }), /kernel_size: got -3/],
    [conv({ kernel_size: [3, 1.5] }), /kernel_size: got 1\.5/],
    [conv({ strides: 0 }), /strides: got 0/],
    [conv({ strides: 0.5 }), /strides: got 0\.5/],
    [conv({ filters: 1e308 }), /filters: got 1e\+308, expected an integer from 1 to 65536/],
    [conv({ filters: '8' }), /filters: got "8"/],
    [{ class_name: 'DepthwiseConv2D', config: { name: 'd', kernel_size: 3, depth_multiplier: 0 } }, /depth_multiplier: got 0/],
    [{ class_name: 'DepthwiseConv2D', config: { name: 'd', kernel_size: 3, depth_multiplier: 'x' } }, /depth_multiplier: got "x"/],
    [{ class_name: 'MaxPooling2D', config: { name: 'p', pool_size: 0 } }, /pool_size: got 0/],
    [{ class_name: 'BatchNormalization', config: { name: 'b', epsilon: -1 } }, /epsilon: got -1/],
    [{ class_name: 'ZeroPadding2D', config: { name: 'z', padding: -2 } }, /padding: got -2/],
  ];
  for (const [layer, why] of bad) assert.throws(() => buildKeras(sequential([layer]), 'm', 'm.json'), why, JSON.stringify(layer.config));
  for (const units of [0, -5, 1.5, undefined, 'ten']) {
    const model = sequential([]);
    (model.config.layers.at(-1)!.config as Record<string, unknown>).units = units;
    assert.throws(() => buildKeras(model, 'm', 'm.json'), /layer "out" \(Dense\): units: got/);
  }
});

test('a 20,000-layer chain and 100,000-deep inbound nesting: no stack overflow', () => {
  const layers: Layer[] = [{ ...inputLayer(), inbound_nodes: [] }];
  let prev = 'img';
  for (let i = 0; i < 20_000; i++) { layers.push({ class_name: 'Dropout', config: { name: `d${i}` }, inbound_nodes: call(prev) }); prev = `d${i}`; }
  layers.push({ class_name: 'GlobalAveragePooling2D', config: { name: 'gap' }, inbound_nodes: call(prev) });
  layers.push({ class_name: 'Dense', config: { name: 'out', units: 10 }, inbound_nodes: call('gap') });
  assert.equal(countParams(buildKeras(functional(layers), 'm', 'm.json')), 40);
  let nested: unknown = ['img', 0, 0, {}];
  for (let i = 0; i < 100_000; i++) nested = [nested];
  const deep = functional([{ ...inputLayer(), inbound_nodes: [] },
    { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' }, inbound_nodes: [nested] },
    { class_name: 'Dense', config: { name: 'out', units: 10 }, inbound_nodes: call('gap') }]);
  assert.equal(countParams(buildKeras(deep, 'm', 'm.json')), 40);
});
