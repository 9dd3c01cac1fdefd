// The wasm Conv2DBackpropFilter replacement agrees with the cpu backend's kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { isReplaced } from '../../src/engine/wasm-kernels.js';
import { convOut, maxRelError, on, padLabel, seeded, useWasm, wasmVsCpu, type Pad, type Shape4 } from './helpers.js';

const P1: Pad = [[0, 0], [1, 1], [1, 1], [0, 0]];
// [x shape, filter shape, stride, pad]
const CONFIGS: Array<[Shape4, Shape4, number, Pad]> = [
  [[2, 8, 8, 3], [3, 3, 3, 5], 1, P1],
  [[1, 7, 9, 4], [3, 3, 4, 2], 1, 'same'],
  [[3, 6, 5, 2], [3, 3, 2, 4], 1, 'valid'],
  [[2, 8, 8, 4], [3, 3, 4, 6], 2, P1],
  [[2, 7, 7, 3], [3, 3, 3, 4], 2, P1], // odd: the last input row/col is read
  [[2, 8, 6, 3], [3, 3, 3, 2], 2, 'valid'], // the last input row is never read
  [[1, 9, 8, 5], [3, 3, 5, 3], 2, 'same'], // asymmetric 'same' padding
  [[2, 6, 6, 4], [1, 1, 4, 3], 1, 'valid'],
  [[2, 9, 6, 4], [1, 1, 4, 3], 2, 'valid'], // 1x1 stride 2, odd rows
  [[2, 5, 5, 3], [1, 1, 3, 2], 1, [[0, 0], [1, 1], [1, 1], [0, 0]]], // padded 1x1
  [[1, 10, 7, 2], [5, 5, 2, 3], 2, [[0, 0], [2, 2], [2, 2], [0, 0]]],
];

test('Conv2DBackpropFilter on wasm matches the cpu kernel (max rel. error <= 1e-4)', async (t) => {
  await useWasm();
  assert.ok(isReplaced(tf.Conv2DBackpropFilter), 'the replacement is registered');
  let worst = 0;
  for (const [i, [xShape, fShape, stride, pad]] of CONFIGS.entries()) {
    const dyShape = [xShape[0], convOut(xShape[1], fShape[0], stride, pad, 1), convOut(xShape[2], fShape[1], stride, pad, 2), fShape[3]];
    const inputs = { x: { data: seeded(xShape, 10 + i), shape: xShape }, dy: { data: seeded(dyShape, 50 + i), shape: dyShape } };
    const attrs = { strides: [stride, stride], pad, dataFormat: 'NHWC', dimRoundingMode: undefined, filterShape: fShape };
    const err = await wasmVsCpu(tf.Conv2DBackpropFilter, inputs, attrs, fShape);
    t.diagnostic(`x ${xShape} w ${fShape} s${stride} ${padLabel(pad)}: max rel err ${err.toExponential(2)}`);
    assert.ok(err <= 1e-4, `config ${i}: error ${err}`);
    worst = Math.max(worst, err);
  }
  t.diagnostic(`worst max rel err over ${CONFIGS.length} configs: ${worst.toExponential(2)}`);
});

test('conv2d parameter gradient on wasm, inside tf.grad and tf.tidy, matches cpu', async () => {
  await useWasm();
  const x = { data: seeded([2, 7, 7, 3], 1), shape: [2, 7, 7, 3] };
  const w = { data: seeded([3, 3, 3, 4], 2), shape: [3, 3, 3, 4] };
  const grad = () => tf.tidy(() => {
    const loss = (f: tf.Tensor) =>
      tf.conv2d(tf.tensor4d(x.data, x.shape as Shape4), f as tf.Tensor4D, 2, P1 as tf.backend_util.ExplicitPadding).square().sum();
    return tf.grad(loss)(tf.tensor4d(w.data, w.shape as Shape4));
  });
  const wasm = await on('wasm', grad);
  const cpu = await on('cpu', grad);
  assert.ok(maxRelError(wasm.data, cpu.data) <= 1e-4);
});
