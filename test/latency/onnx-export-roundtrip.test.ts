// The ONNX export read back by zsnas's own importer is the same network by the shared #Params / FLOPs convention:
// every space (NB201, NATS-Bench size space, macro, Keras, imported ONNX models). One exception, exact: BN
// without affine parameters (nb201-samsung's cells) is exported as ONNX BatchNormalization, which always carries
// scale and bias, so the importer counts 2C more parameters per such BN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import type { Graph } from '../../src/graph/ir.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { buildNatsSss } from '../../src/spaces/nats-sss/network.js';
import { buildArch } from '../../src/spaces/index.js';
import { buildOnnx, loadOnnxFile } from '../../src/spaces/onnx/build.js';
import { parseOnnx } from '../../src/spaces/onnx/model.js';
import { loadSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { exportOnnx } from '../../src/latency/onnx-export.js';
import { newOpsGraph } from '../graph/new-ops-graph.js';
import { kerasExample, REPO_SPEC } from '../spaces/helpers.js';
import { modelPath } from '../onnx/helpers.js';

function roundTrip(g: Graph, batch?: number): Graph {
  return buildOnnx(parseOnnx(exportOnnx(g, { seed: 0, archKey: g.name, batch }), 'export'), g.name, 'export').graph;
}

function sameCounts(g: Graph, label: string, batch?: number): void {
  const back = roundTrip(g, batch);
  assert.equal(countParams(back), countParams(g), `${label}: #params`);
  assert.equal(countFlops(back), countFlops(g), `${label}: FLOPs`);
  assert.deepEqual(back.inputShape, g.inputShape, `${label}: input shape`);
  assert.equal(back.numClasses, g.numClasses, `${label}: classes`);
}

test('NB201 and NATS-Bench size-space networks: same #params and FLOPs after the round trip', () => {
  for (const arch of ['|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
    '|none~0|+|avg_pool_3x3~0|nor_conv_1x1~1|+|skip_connect~0|none~1|avg_pool_3x3~2|']) {
    sameCounts(buildNb201(arch), arch, 1);
  }
  sameCounts(buildNatsSss('8:16:24:32:64'), 'nats-sss'); // symbolic batch N
  // The NB201 all-3x3 network's published size (NAS-Bench-201, CIFAR-10): 1.531546 M parameters.
  const back = roundTrip(buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|'), 1);
  assert.equal(countParams(back), 1_531_546);
});

test('macro families, Keras examples, ONNX models and the new-ops graph: same #params and FLOPs', () => {
  const spec = loadSpec(REPO_SPEC, specOptions());
  for (const key of ['resnet-a', 'resnet-b', 'mbv2-a', 'mbv2-b']) sameCounts(buildArch(spec, key), key, 1);
  for (const name of ['small_cnn', 'resnet_functional', 'mobile_block']) sameCounts(kerasExample(name), name, 1);
  for (const name of ['resnet8', 'mobilenet_v2-0.25', 'mobilenet_v3_small-0.25', 'shufflenet_v2-tiny', 'efficientnet_b0-tiny', 'regnet-tiny', 'densenet-tiny']) {
    sameCounts(loadOnnxFile(modelPath(name), name).graph, name);
  }
  sameCounts(newOpsGraph(), 'new-ops', 2);
});

test('BN without affine parameters comes back with 2C parameters per BN, FLOPs unchanged', () => {
  const g = buildNb201('|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|nor_conv_3x3~1|avg_pool_3x3~2|', 'cifar10', 16, 5, 'samsung');
  const plain = g.nodes.filter((n) => n.op === 'batchnorm' && !n.affine);
  assert.ok(plain.length > 0, 'samsung cells have BN without affine');
  const extra = plain.reduce((a, n) => a + 2 * n.shape[2], 0);
  const back = roundTrip(g, 1);
  assert.equal(countParams(back), countParams(g) + extra);
  assert.equal(countFlops(back), countFlops(g));
});
