// An operator zsnas cannot convert is refused naming the file, the node, its op type and opset, and listing the
// supported operators; an opset outside 11..21 is refused before any node is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOnnx } from '../../src/spaces/onnx/build.js';
import { parseOnnx } from '../../src/spaces/onnx/model.js';
import { SUPPORTED_OPS } from '../../src/spaces/onnx/ops.js';
import { attr, node, onnxBytes, weight } from './helpers.js';

const graph = (op: string, opset: number) => onnxBytes({
  opset,
  nodes: [
    node('Conv', ['x', 'w'], ['c'], [attr('kernel_shape', [3, 3]), attr('pads', [1, 1, 1, 1])], 'stem'),
    node(op, ['c'], ['a'], [], 'act'),
    node('GlobalAveragePool', ['a'], ['p']),
    node('Flatten', ['p'], ['f']),
    node('Gemm', ['f', 'fc_w', 'fc_b'], ['y'], [attr('transB', 1)]),
  ],
  initializers: [weight('w', [4, 3, 3, 3]), weight('fc_w', [2, 4]), weight('fc_b', [2])],
  output: 'y',
});

test('an unsupported operator names the node, op type, opset and the supported list', () => {
  const model = parseOnnx(graph('Gelu', 20), 'gelu.onnx');
  assert.throws(() => buildOnnx(model, 'm', 'gelu.onnx'), {
    message: `gelu.onnx: node "act" (Gelu, opset 20): unsupported operator "Gelu"; supported: ${SUPPORTED_OPS.join(', ')}`,
  });
  assert.ok(SUPPORTED_OPS.includes('Conv') && SUPPORTED_OPS.includes('HardSwish') && SUPPORTED_OPS.includes('Shape'));
});

test('the same graph with a supported activation builds', () => {
  const { graph: g } = buildOnnx(parseOnnx(graph('Relu', 20), 'relu.onnx'), 'm', 'relu.onnx');
  assert.deepEqual(g.nodes.map((n) => n.op), ['input', 'conv2d', 'relu', 'global_avg_pool', 'flatten', 'dense']);
});

test('an opset outside 11..21 is refused with the supported range', () => {
  assert.throws(() => parseOnnx(graph('Relu', 9), 'old.onnx'), {
    message: 'old.onnx: opset 9 is not supported (opsets 11 to 21); re-export with opset_version=11',
  });
});
