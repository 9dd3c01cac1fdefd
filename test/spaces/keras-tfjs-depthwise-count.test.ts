// The tfjs converter model.json (modelTopology.model_config, weights manifest ignored) with a MobileNet-style
// block: ZeroPadding2D folded into the stem conv, ReLU(max_value=6) -> relu6, DepthwiseConv2D, an inverted
// residual with Add, and a SeparableConv2D (depthwise + 1x1). FLOPs count depthwise convs as k*k*C*H*W.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import { bnMovingStats, kerasExample } from './helpers.js';

test('mobile_block: Keras summary params and MACs by hand', () => {
  const g = kerasExample('mobile_block');
  // stem_conv 3*3*3*16 = 432 (pad (0,1),(0,1) then valid stride 2: 33 -> 16x16)   bn 2*16
  // dw 3*3*16 = 144 (depthwise: k*k*C)   bn 2*16      pw 16*24 = 384      bn 2*24
  // expand 24*144 = 3,456  bn 2*144      dw2 3*3*144 = 1,296  bn 2*144     project 144*24 = 3,456  bn 2*24
  // sep: depthwise 3*3*24 = 216 + pointwise 24*48 = 1,152 + bias 48 = 1,416 (stride 2 same -> 8x8)
  // dense 48*10 + 10 = 490
  // trainable: 432+32+144+32+384+48+3,456+288+1,296+288+3,456+48+1,416+490 = 11,810
  // non-trainable 2*(16+16+24+144+144+24) = 736 -> summary Total 12,546
  assert.equal(countParams(g), 11_810);
  assert.equal(countParams(g) + bnMovingStats(g), 12_546);
  // FLOPs at 16x16 = 256 positions: stem 432*256 = 110,592; dw 144*256 = 36,864; pw 384*256 = 98,304;
  // expand 3,456*256 = 884,736; dw2 1,296*256 = 331,776; project 884,736;
  // at 8x8 = 64: sep dw 216*64 = 13,824; sep pw 1,152*64 = 73,728 + bias 48*64 = 3,072; dense 490.
  // total 2,438,122
  assert.equal(countFlops(g), 2_438_122);
  const stem = g.nodes.find((n) => n.id === 'stem_conv');
  assert.ok(stem?.op === 'conv2d');
  assert.deepEqual(stem.pad, [0, 1, 0, 1], 'ZeroPadding2D ((0,1),(0,1)) folded into the valid conv');
  assert.deepEqual(stem.shape, [16, 16, 16]);
  assert.equal(g.nodes.filter((n) => n.op === 'relu6').length, 4);
  const bn = g.nodes.find((n) => n.id === 'stem_bn');
  assert.ok(bn?.op === 'batchnorm');
  assert.ok(Math.abs(bn.momentum - 0.001) < 1e-12, 'Keras momentum 0.999 is PyTorch momentum 0.001');
  assert.equal(bn.eps, 1e-3);
  assert.deepEqual(g.nodes.find((n) => n.id === 'sep/depthwise')?.shape, [8, 8, 24]);
  assert.equal(g.preGap, 'sep/relu');
});
