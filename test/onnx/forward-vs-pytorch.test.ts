// Every committed model (and the ops-zoo graph of the operators they do not use: dilation, grouped conv,
// LeakyRelu, AveragePool with count_include_pad both ways, MaxPool ceil_mode, ReLU6 Clip, Split, scalar Sub/Div,
// HardSwish as HardSigmoid x Mul, SiLU, an SE gate from a Linear viewed as [N, C, 1, 1], ReduceMean, dynamic
// flatten, MatMul + Add), run by zsnas's executor with the file's own weights, gives PyTorch's logits on the same batch: with BN on fresh running statistics (eval,
// 1e-4 of the largest logit) and with batch statistics (train, as the proxies run it: train-mode BN over a batch
// of 2 at the 1x1 maps of the last MobileNet stages amplifies float32 rounding, hence 1e-3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { disposeParams } from '../../src/graph/init.js';
import { execute } from '../../src/graph/execute.js';
import { buildOnnx } from '../../src/spaces/onnx/build.js';
import { readOnnxFile } from '../../src/spaces/onnx/model.js';
import { factPath, pytorchFacts } from './helpers.js';
import { closedFormInput, onnxWeights } from './weights.js';

const here = dirname(fileURLToPath(import.meta.url));
const reference = JSON.parse(readFileSync(join(here, 'fixtures', 'pytorch-logits.json'), 'utf8')).logits as
  Record<string, { eval: number[][]; train?: number[][] }>;
const TOLERANCE = { eval: 1e-4, train: 1e-3 };
const facts = pytorchFacts();

const cases = Object.entries(reference).flatMap(([name, r]) =>
  (['eval', 'train'] as const).filter((mode) => r[mode]).map((mode) => ({ name, mode, expected: r[mode]! })));

for (const { name, mode, expected } of cases) {
  test(`${name}: logits equal PyTorch's with the exported weights (${mode} BN)`, async () => {
    await tf.setBackend('cpu');
    const path = factPath(name, facts[name]);
    const model = readOnnxFile(path);
    const { graph } = buildOnnx(model, name, path);
    const before = tf.memory().numTensors;
    const params = onnxWeights(model, graph);
    const x = closedFormInput(graph.inputShape);
    const y = execute(graph, params, x, { bn: mode === 'train' ? 'train' : 'running' }).logits;
    const got = y.arraySync() as number[][];
    y.dispose();
    x.dispose();
    disposeParams(params);
    assert.equal(tf.memory().numTensors, before);
    const scale = Math.max(...expected.flat().map(Math.abs));
    got.flat().forEach((v, i) => assert.ok(Math.abs(v - expected.flat()[i]) <= TOLERANCE[mode] * scale,
      `logit ${i}: ${v} vs PyTorch ${expected.flat()[i]}`));
  });
}
