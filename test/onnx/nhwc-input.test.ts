// tf2onnx exports Keras models with an NHWC input read by Transpose(0, 3, 1, 2): that input is read as
// [H, W, C] and the Transpose becomes the graph input. An NHWC input without it is read as NCHW (and fails on
// its shape), and open spatial dims are refused naming the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOnnx } from '../../src/spaces/onnx/build.js';
import { parseOnnx } from '../../src/spaces/onnx/model.js';
import { attr, node, onnxBytes, weight } from './helpers.js';

const tail = [
  node('Conv', ['t', 'w'], ['c'], [attr('kernel_shape', [3, 3]), attr('auto_pad', 'SAME_UPPER')]),
  node('GlobalAveragePool', ['c'], ['p']),
  node('Flatten', ['p'], ['f']),
  node('MatMul', ['f', 'fc_w'], ['m']),
  node('Add', ['m', 'fc_b'], ['y']),
];
const inits = [weight('w', [8, 3, 3, 3]), weight('fc_w', [8, 4]), weight('fc_b', [4])];

test('an NHWC input read by Transpose(0, 3, 1, 2) gives an [H, W, C] graph input', () => {
  const bytes = onnxBytes({ input: ['unk__1', 12, 10, 3], nodes: [node('Transpose', ['x'], ['t'], [attr('perm', [0, 3, 1, 2])]), ...tail], initializers: inits, output: 'y' });
  const { graph } = buildOnnx(parseOnnx(bytes, 'tf.onnx'), 'tf', 'tf.onnx');
  assert.deepEqual(graph.inputShape, [12, 10, 3]);
  assert.deepEqual(graph.nodes.find((n) => n.id === 'c')!.inputs, ['input']);
  assert.deepEqual(graph.nodes.find((n) => n.op === 'dense'), { id: 'm', op: 'dense', units: 4, bias: true, inputs: ['f'], shape: [4] });
});

test('open spatial dims are refused naming the input', () => {
  const bytes = onnxBytes({ input: ['N', 3, 'height', 'width'], nodes: [node('Identity', ['x'], ['t']), ...tail], initializers: inits, output: 'y' });
  assert.throws(() => buildOnnx(parseOnnx(bytes, 'open.onnx'), 'o', 'open.onnx'), {
    message: 'open.onnx: input "x" leaves its height open (height); export with a fixed [C, H, W] (only the batch may be dynamic)',
  });
});
