// naswot's K is computed once per distinct ReLU input (an NB201 node feeding several ReLU-Conv-BN edges) and added
// once per invocation: it equals, exactly, the kernel accumulated invocation by invocation from the kept ReLU inputs.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { disposeParams, initParams } from '../../src/graph/init.js';
import { execute } from '../../src/graph/execute.js';
import { accumulateCodes, reluKernel } from '../../src/proxies/passes/relu-codes.js';
import { batchFor, inputOf, tinyNb201, useCpu } from './fwd-helpers.js';

before(useCpu);

test('all-conv NB201 cell: shared ReLU inputs give the invocation-by-invocation kernel', () => {
  const graph = tinyNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_3x3~1|nor_conv_3x3~2|');
  const relus = graph.nodes.filter((n) => n.op === 'relu');
  const inputs = relus.map((n) => n.inputs[0]);
  assert.ok(new Set(inputs).size < relus.length, 'some ReLUs share an input: the case under test');
  const params = initParams(graph, 3, 'x', 'pytorch');
  const x = inputOf(batchFor(graph, 6));
  const kern = reluKernel(graph, params, x);
  const r = execute(graph, params, x, { bn: 'train', keep: [...new Set(inputs)] });
  const want = new Float64Array(36);
  let length = 0;
  for (const id of inputs) length += accumulateCodes(want, 6, r.kept.get(id)!);
  assert.equal(kern.relus, relus.length);
  assert.equal(kern.codeLength, length);
  assert.deepEqual([...kern.k.data], [...want]);
  tf.dispose([r.logits, ...r.kept.values(), x]);
  disposeParams(params);
});
