// The Keras 2 Functional ResNet-ish model (Add, ReLU layers, projection shortcut): hand counts, and the same
// network declared in the macro space (resnet-a) gives the same #Params and FLOPs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import { loadSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { buildArch } from '../../src/spaces/index.js';
import { bnMovingStats, kerasExample, REPO_SPEC } from './helpers.js';

test('resnet_functional: Keras summary params and MACs by hand; equals macro resnet-a', () => {
  const g = kerasExample('resnet_functional');
  // Convs have no bias; BN 4*C with gamma/beta trainable.
  // conv0 3*3*3*16 = 432        bn0 2*16          32x32
  // b1_conv1, b1_conv2 3*3*16*16 = 2,304 each, bn 2*16 each     32x32
  // b2_conv1 3*3*16*32 = 4,608 (stride 2 -> 16x16), b2_conv2 3*3*32*32 = 9,216, b2_short 1*1*16*32 = 512, 3 BN 2*32
  // dense 32*10 + 10 = 330
  // trainable: 432+32 + 2*(2,304+32) + 4,608+9,216+512 + 3*64 + 330 = 19,994
  // non-trainable (moving mean/var): 2*(16*3 + 32*3) = 288 -> summary Total 20,282
  assert.equal(countParams(g), 19_994);
  assert.equal(countParams(g) + bnMovingStats(g), 20_282);
  // FLOPs: 432*1024 = 442,368; 2*2,304*1024 = 4,718,592; (4,608+9,216+512)*256 = 3,670,016; dense 330
  //        total 442,368 + 4,718,592 + 3,670,016 + 330 = 8,831,306
  assert.equal(countFlops(g), 8_831_306);
  assert.equal(g.preGap, 'b2_out/relu');
  assert.equal(g.nodes.filter((n) => n.op === 'add').length, 2);

  const spec = loadSpec(REPO_SPEC, specOptions());
  const macro = buildArch(spec, 'resnet-a');
  assert.equal(countParams(macro), 19_994);
  assert.equal(countFlops(macro), 8_831_306);
});
