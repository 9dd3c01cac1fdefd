// The SamsungLabs re-implementation of NB201 (cell convs with bias, cell BN without affine): counts by hand, and
// in train mode the bias cancels in BN, so the logits equal the benchmark network's for the same weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { countFlops, countParams } from '../../src/graph/count.js';
import { initParams, disposeParams } from '../../src/graph/init.js';
import { execute } from '../../src/graph/execute.js';

const ALL3 = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';

test('all-3x3: 90 cell convs each gain a bias (+C) and lose BN affine (-2C)', () => {
  const g = buildNb201(ALL3, 'cifar10', 16, 5, 'samsung');
  // -(30*16 + 30*32 + 30*64) = -3,360 params; bias MACs +30*(16*32*32 + 32*16*16 + 64*8*8) = +860,160.
  assert.equal(countParams(g), 1_531_546 - 3_360);
  assert.equal(countFlops(g), 220_119_690 + 860_160);
});

test('train-mode logits equal the benchmark network for the same conv weights', async () => {
  await tf.setBackend('cpu');
  const arch = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|';
  const a = buildNb201(arch, 'cifar10', 4, 1), b = buildNb201(arch, 'cifar10', 4, 1, 'samsung');
  const pa = initParams(a, 5, arch), pb = initParams(b, 5, arch);
  const x = tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 1);
  const la = tf.tidy(() => execute(a, pa, x).logits.dataSync());
  const lb = tf.tidy(() => execute(b, pb, x).logits.dataSync());
  let worst = 0;
  for (let i = 0; i < la.length; i++) worst = Math.max(worst, Math.abs(la[i] - lb[i]));
  assert.ok(worst < 1e-4, `max |diff| ${worst}`);
  assert.ok(Object.keys(pb).some((k) => k.endsWith('.conv.bias')), 'samsung cells have conv biases');
  x.dispose(); disposeParams(pa); disposeParams(pb);
});
