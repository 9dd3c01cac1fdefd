// A Softmax (or LogSoftmax) producing the graph output is dropped, so proxies see logits; anywhere else it is
// refused with the node named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOnnx } from '../../src/spaces/onnx/build.js';
import { parseOnnx } from '../../src/spaces/onnx/model.js';
import { attr, node, onnxBytes, weight } from './helpers.js';

const model = (tail: ReturnType<typeof node>[], output: string) => parseOnnx(onnxBytes({
  nodes: [
    node('Conv', ['x', 'w'], ['c'], [attr('kernel_shape', [1, 1])]),
    node('GlobalAveragePool', ['c'], ['p']),
    node('Flatten', ['p'], ['f']),
    node('Gemm', ['f', 'fc_w', 'fc_b'], ['logits'], [attr('transB', 1)]),
    ...tail,
  ],
  initializers: [weight('w', [4, 3, 1, 1]), weight('fc_w', [6, 4]), weight('fc_b', [6])],
  output,
}), 's.onnx');

test('a final Softmax / LogSoftmax is dropped: the output is the Gemm', () => {
  for (const op of ['Softmax', 'LogSoftmax']) {
    const { graph } = buildOnnx(model([node(op, ['logits'], ['prob'], [attr('axis', 1)])], 'prob'), 's', 's.onnx');
    assert.equal(graph.output, 'logits');
    assert.equal(graph.nodes.at(-1)!.op, 'dense');
    assert.equal(graph.numClasses, 6);
  }
});

test('a Softmax that is not the last node is refused', () => {
  const m = model([node('Softmax', ['logits'], ['prob'], [], 'sm'), node('Relu', ['prob'], ['y'])], 'y');
  assert.throws(() => buildOnnx(m, 's', 's.onnx'), {
    message: 's.onnx: node "sm" (Softmax, opset 13): Softmax / LogSoftmax is supported only as the last node (dropped there to score the logits)',
  });
});
