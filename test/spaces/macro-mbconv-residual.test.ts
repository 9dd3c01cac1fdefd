// MobileNetV2's rule: an inverted residual adds its input back only when stride is 1 and widths match;
// expansion 1 has no expand conv; the bottleneck (project) has no activation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMacro, mbconvResidual } from '../../src/spaces/macro/network.js';

test('mbconv residual iff stride 1 and equal widths', () => {
  assert.equal(mbconvResidual(16, 16, 1), true);
  assert.equal(mbconvResidual(16, 24, 1), false);
  assert.equal(mbconvResidual(16, 16, 2), false);
  const g = buildMacro({
    name: 'm', stem: { kernel: 3, width: 8, stride: 1 }, head: {},
    stages: [
      { block: 'mbconv', kernel: 3, expansion: 1, width: 8, depth: 1, stride: 1 }, // 8 -> 8, s1: residual
      { block: 'mbconv', kernel: 3, expansion: 6, width: 16, depth: 2, stride: 2 }, // b0 8 -> 16 s2: none; b1 16 -> 16: residual
      { block: 'mbconv', kernel: 3, expansion: 6, width: 24, depth: 1, stride: 1 }, // 16 -> 24 s1: none
    ],
  }, [16, 16, 3], 10);
  const adds = g.nodes.filter((n) => n.op === 'add');
  assert.deepEqual(adds.map((n) => n.id), ['s0.b0.add', 's1.b1.add']);
  assert.deepEqual(adds.map((n) => n.inputs), [['stem.relu6', 's0.b0.project.bn'], ['s1.b0.project.bn', 's1.b1.project.bn']]);
  assert.ok(!g.nodes.some((n) => n.id === 's0.b0.expand.conv'), 'expansion 1: no expand conv');
  assert.deepEqual(g.nodes.find((n) => n.id === 's1.b0.expand.conv')?.shape, [16, 16, 48], 'hidden width = 6 x 8');
  assert.ok(!g.nodes.some((n) => n.id.endsWith('project.relu6')), 'linear bottleneck');
  assert.equal(g.nodes.filter((n) => n.op === 'relu').length, 0, 'ReLU6 throughout a MobileNet-like network');
});
