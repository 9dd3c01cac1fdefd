// The hand-written Keras 3 Sequential CNN (configs/examples/keras/small_cnn.json): #Params as Keras's
// model.summary() counts them and FLOPs on the NB201 convention (conv/dense MACs + one per bias output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countFlops, countParams } from '../../src/graph/count.js';
import { bnMovingStats, kerasExample } from './helpers.js';

test('small_cnn: Keras summary params and MACs by hand', () => {
  const g = kerasExample('small_cnn');
  // Keras rule: Conv2D k*k*cin*filters + filters; BN 4*C (gamma, beta trainable; moving mean/var not); Dense in*units + units.
  // conv1   3*3*3*16 + 16   =   448   (32x32, same)
  // bn1     4*16            =    64   (32 trainable, 32 non-trainable)
  // pool1   -> 16x16x16
  // conv2   3*3*16*32 + 32  = 4,640   (stride 2 same: 16 -> 8)
  // flatten 8*8*32 = 2048;  dense 2048*10 + 10 = 20,490
  // Total params 448 + 64 + 4,640 + 20,490 = 25,642; trainable 25,610; non-trainable 32.
  assert.equal(countParams(g), 25_610, 'trainable params (the IR counts trainable elements, as PyTorch does)');
  assert.equal(countParams(g) + bnMovingStats(g), 25_642, 'model.summary() Total params');
  // FLOPs: conv1 3*3*3*16*32*32 = 442,368 + bias 16*1024 = 16,384  -> 458,752
  //        conv2 3*3*16*32*8*8  = 294,912 + bias 32*64   =  2,048  -> 296,960
  //        dense 2048*10 + 10 = 20,490.  Total 776,202.
  assert.equal(countFlops(g), 776_202);
  assert.deepEqual(g.inputShape, [32, 32, 3]);
  assert.equal(g.numClasses, 10);
  assert.equal(g.preGap, 'conv2/relu', 'the feature map before Flatten');
  const conv2 = g.nodes.find((n) => n.id === 'conv2');
  assert.ok(conv2?.op === 'conv2d');
  assert.deepEqual(conv2.pad, [0, 1, 0, 1], "TF 'same', stride 2 on 16: the odd pixel goes bottom/right");
  assert.ok(!g.nodes.some((n) => n.id.includes('dropout')), 'Dropout is the identity (no node)');
});
