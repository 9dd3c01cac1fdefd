// nn_mass on residual families follows the authors' code (SLDGroup/NN_Mass model_zoo.py): per basic block
// in + out, per bottleneck / inverted residual (in + 2h) in / (2 in + h); non-residual blocks 0. Checked on the
// depth / width closed forms of the macro space's ResNet and MobileNetV2 families and on a hand-built bottleneck.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GraphBuilder } from '../../src/graph/builder.js';
import { nnMass, residualBlocks } from '../../src/proxies/nn_mass.js';
import { buildMacro } from '../../src/spaces/macro/network.js';
import type { MacroStage } from '../../src/spaces/macro/types.js';

const stage = (s: Partial<MacroStage>): MacroStage =>
  ({ block: 'residual', kernel: 3, expansion: 1, width: 64, depth: 1, stride: 1, ...s });

test('ResNet stage at width 64: 1..8 basic blocks give 128, 256, ..., 1024 (grows with depth)', () => {
  const masses = [1, 2, 3, 4, 5, 6, 7, 8].map((depth) => nnMass(buildMacro(
    { name: `r${depth}`, stem: { kernel: 3, width: 64, stride: 1 }, stages: [stage({ depth })], head: {} }, [8, 8, 3], 10)));
  assert.deepEqual(masses, [128, 256, 384, 512, 640, 768, 896, 1024]);
});

test('ResNet with a projection stage: every block counts in + out, the downsampling one 64 + 128', () => {
  const g = buildMacro({ name: 'r', stem: { kernel: 3, width: 64, stride: 1 },
    stages: [stage({ depth: 2 }), stage({ width: 128, depth: 3, stride: 2 })], head: {} }, [16, 16, 3], 10);
  const blocks = residualBlocks(g);
  assert.deepEqual(blocks.map((b) => [b.form, b.inWidth, b.outWidth]),
    [['basic', 64, 64], ['basic', 64, 64], ['basic', 64, 128], ['basic', 128, 128], ['basic', 128, 128]]);
  assert.equal(nnMass(g), 2 * 128 + 192 + 2 * 256);
});

test('MobileNetV2 stage: first block (stride 2, new width) 0, then (c + 2tc) c / (2c + tc) per block', () => {
  for (const [t, c, n] of [[6, 32, 3], [4, 24, 2], [1, 16, 4]]) {
    const g = buildMacro({ name: 'm', stem: { kernel: 3, width: 16, stride: 1 },
      stages: [stage({ block: 'mbconv', expansion: t, width: c, depth: n, stride: 2 })], head: {} }, [16, 16, 3], 10);
    const h = t * c;
    const expected = (n - 1) * ((c + 2 * h) * c) / (2 * c + h);
    assert.ok(Math.abs(nnMass(g) - expected) < 1e-9, `t=${t} c=${c} n=${n}: ${nnMass(g)} vs ${expected}`);
    assert.ok(residualBlocks(g).every((b) => b.form === 'inverted' && b.hidden === h));
  }
});

test('bottleneck 1x1(h) -> 3x3(h) -> 1x1(in) with identity shortcut: (in + 2h) in / (2 in + h)', () => {
  const g = new GraphBuilder('keras:bottleneck', [8, 8, 3], 2);
  const conv = (id: string, from: string, filters: number, k: number) =>
    g.add(id, { op: 'conv2d', kernel: [k, k], stride: 1, pad: k === 3 ? [1, 1, 1, 1] : [0, 0, 0, 0], filters, bias: false }, [from]);
  conv('stem', 'input', 32, 3); conv('a', 'stem', 8, 1); conv('b', 'a', 8, 3); conv('c', 'b', 32, 1);
  g.add('add', { op: 'add' }, ['stem', 'c']);
  g.add('gap', { op: 'global_avg_pool' }, ['add']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'add');
  assert.deepEqual(residualBlocks(graph).map((b) => [b.form, b.hidden]), [['bottleneck', 8]]);
  assert.ok(Math.abs(nnMass(graph) - (48 * 32) / 72) < 1e-12);
});

test('a plain conv chain has no residual block: mass 0', () => {
  const g = buildMacro({ name: 'p', stem: { kernel: 3, width: 16, stride: 1 },
    stages: [stage({ block: 'conv', width: 32, depth: 4 })], head: {} }, [8, 8, 3], 10);
  assert.equal(nnMass(g), 0);
});
