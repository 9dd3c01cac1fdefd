// #Params of every committed ONNX export equal PyTorch's sum(p.numel()) for the module it came from, and
// FLOPs follow the shared convention (checked in closed form on the ResNet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import { loadOnnxFile } from '../../src/spaces/onnx/build.js';
import { factPath, modelPath, pytorchFacts } from './helpers.js';

const facts = pytorchFacts();

for (const [name, fact] of Object.entries(facts).filter(([, f]) => f.mode === 'training')) {
  test(`${name}: #Params equal PyTorch's count (${fact.params})`, () => {
    const { graph } = loadOnnxFile(factPath(name, fact), name);
    assert.equal(countParams(graph), fact.params);
    assert.deepEqual([graph.inputShape[2], graph.inputShape[0], graph.inputShape[1]], fact.input);
    assert.equal(graph.numClasses, fact.classes);
  });
}

test('resnet8: FLOPs are conv / dense MACs plus bias outputs (closed form)', () => {
  const { graph } = loadOnnxFile(modelPath('resnet8'), 'resnet8');
  const conv = (k: number, cin: number, cout: number, hw: number) => k * k * cin * cout * hw * hw;
  const expected =
    conv(3, 3, 16, 32) + // stem
    2 * conv(3, 16, 16, 32) + // block 1
    conv(3, 16, 32, 16) + conv(3, 32, 32, 16) + conv(1, 16, 32, 16) + // block 2 with downsample
    conv(3, 32, 64, 8) + conv(3, 64, 64, 8) + conv(1, 32, 64, 8) + // block 3 with downsample
    64 * 10 + 10; // fc
  assert.equal(countFlops(graph), expected);
});
