// Operator forms that differ across opsets 11..21 and the attribute cases the exporters' models do not cover:
// opset-18 ReduceMean / Split / Pad with their axes and counts as inputs or attributes, auto_pad SAME on a stride-2
// conv (odd pixel at the end), and initializers whose data sit in an external file (read for their dims only).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countParams } from '../../src/graph/count.js';
import { buildOnnx } from '../../src/spaces/onnx/build.js';
import { parseOnnx } from '../../src/spaces/onnx/model.js';
import { attr, ints, node, onnxBytes, weight } from './helpers.js';

const build = (bytes: Uint8Array) => buildOnnx(parseOnnx(bytes, 't.onnx'), 't', 't.onnx').graph;
const head = (from: string) => [
  node('GlobalAveragePool', [from], ['p']),
  node('Flatten', ['p'], ['f']),
  node('Gemm', ['f', 'fc_w'], ['y'], [attr('transB', 1)]),
];

test('opset 18: Split num_outputs, Pad with axes, ReduceMean axes as an input', () => {
  const g = build(onnxBytes({
    opset: 18,
    nodes: [
      node('Conv', ['x', 'w'], ['c'], [attr('kernel_shape', [1, 1])]),
      node('Split', ['c'], ['s0', 's1'], [attr('axis', 1), attr('num_outputs', 2)]),
      node('Pad', ['s1', 'pads', '', 'axes'], ['pd'], [attr('mode', 'constant')]),
      node('Conv', ['pd', 'w2'], ['c2'], [attr('kernel_shape', [3, 3])]),
      node('Concat', ['s0', 'c2'], ['cat'], [attr('axis', 1)]),
      node('ReduceMean', ['cat', 'rm_axes'], ['rm'], [attr('keepdims', 0)]),
      node('Gemm', ['rm', 'fc_w'], ['y'], [attr('transB', 1)]),
    ],
    initializers: [weight('w', [8, 3, 1, 1]), weight('w2', [4, 4, 3, 3]), weight('fc_w', [5, 8]),
      ints('pads', [1, 1, 1, 1]), ints('axes', [2, 3]), ints('rm_axes', [-2, -1])],
    output: 'y',
  }));
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  assert.deepEqual(byId.get('s0')!.shape, [8, 8, 4]);
  assert.deepEqual(byId.get('c2')!.shape, [8, 8, 4]);
  assert.deepEqual((byId.get('c2') as { pad: number[] }).pad, [1, 1, 1, 1]);
  assert.deepEqual(byId.get('rm')!.shape, [8]);
  assert.equal(g.numClasses, 5);
});

test('auto_pad SAME_UPPER / SAME_LOWER with stride 2 put the odd pixel at the end / start', () => {
  for (const [mode, pad] of [['SAME_UPPER', [0, 1, 0, 1]], ['SAME_LOWER', [1, 0, 1, 0]]] as const) {
    const g = build(onnxBytes({
      input: ['N', 3, 8, 8],
      nodes: [node('Conv', ['x', 'w'], ['c'], [attr('kernel_shape', [2, 2]), attr('strides', [2, 2]), attr('auto_pad', mode)]), ...head('c')],
      initializers: [weight('w', [4, 3, 2, 2]), weight('fc_w', [3, 4])],
      output: 'y',
    }));
    const c = g.nodes.find((n) => n.id === 'c') as unknown as { pad: number[]; shape: number[] };
    // total padding = (ceil(8 / 2) - 1) * 2 + 2 - 8 = 0 for k = 2: use k = 3 below for the odd case.
    assert.deepEqual(c.pad, [0, 0, 0, 0], mode);
    const g3 = build(onnxBytes({
      input: ['N', 3, 8, 8],
      nodes: [node('Conv', ['x', 'w'], ['c'], [attr('kernel_shape', [3, 3]), attr('strides', [2, 2]), attr('auto_pad', mode)]), ...head('c')],
      initializers: [weight('w', [4, 3, 3, 3]), weight('fc_w', [3, 4])],
      output: 'y',
    }));
    const c3 = g3.nodes.find((n) => n.id === 'c') as unknown as { pad: number[]; shape: number[] };
    assert.deepEqual(c3.pad, pad, mode);
    assert.deepEqual(c3.shape, [4, 4, 4], mode);
  }
});

test('initializers in external data load from their dims', () => {
  const external = (name: string, dims: number[]) => ({ name, dims, dataType: 1, dataLocation: 1,
    externalData: [{ key: 'location', value: 'weights.bin' }, { key: 'offset', value: '0' }] });
  const g = build(onnxBytes({
    nodes: [node('Conv', ['x', 'w', 'b'], ['c'], [attr('kernel_shape', [3, 3]), attr('pads', [1, 1, 1, 1])]), node('Relu', ['c'], ['r']), ...head('r')],
    initializers: [external('w', [16, 3, 3, 3]), external('b', [16]), external('fc_w', [10, 16])],
    output: 'y',
  }));
  assert.equal(countParams(g), 16 * 27 + 16 + 160);
});
