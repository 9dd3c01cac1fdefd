// The faster wasm Conv2DBackpropInput replacement agrees with the cpu backend's kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { isReplaced } from '../../src/engine/wasm-kernels.js';
import { convOut, padLabel, seeded, useWasm, wasmVsCpu, type Pad, type Shape4 } from './helpers.js';

const P1: Pad = [[0, 0], [1, 1], [1, 1], [0, 0]];
// [x shape, filter shape, strides, pad]
const CONFIGS: Array<[Shape4, Shape4, [number, number], Pad]> = [
  [[2, 8, 8, 3], [3, 3, 3, 5], [1, 1], P1],
  [[1, 7, 9, 4], [3, 3, 4, 2], [1, 1], 'same'],
  [[3, 6, 5, 2], [3, 3, 2, 4], [1, 1], 'valid'],
  [[2, 6, 6, 4], [1, 1, 4, 3], [1, 1], 'valid'],
  [[2, 8, 8, 4], [3, 3, 4, 6], [2, 2], P1],
  [[2, 7, 7, 3], [3, 3, 3, 4], [2, 2], P1],
  [[2, 8, 6, 3], [3, 3, 3, 2], [2, 2], 'valid'], // the last input row gets no gradient
  [[1, 9, 8, 5], [3, 3, 5, 3], [2, 2], 'same'], // asymmetric 'same' padding
  [[2, 9, 6, 4], [1, 1, 4, 3], [2, 2], 'valid'], // 1x1 stride 2: a whole phase is zero
  [[1, 10, 7, 2], [5, 5, 2, 3], [2, 2], [[0, 0], [2, 2], [2, 2], [0, 0]]],
  [[1, 11, 10, 2], [3, 3, 2, 3], [3, 3], 'same'],
  [[2, 7, 8, 3], [3, 3, 3, 2], [1, 2], P1], // unequal strides: the zero-spread path
  [[1, 6, 6, 2], [3, 3, 2, 2], [1, 1], [[0, 0], [3, 0], [0, 4], [0, 0]]], // padding wider than the filter
];

test('Conv2DBackpropInput on wasm matches the cpu kernel (max rel. error <= 1e-4)', async (t) => {
  await useWasm();
  assert.ok(isReplaced(tf.Conv2DBackpropInput), 'the replacement is registered');
  let worst = 0;
  for (const [i, [xShape, fShape, strides, pad]] of CONFIGS.entries()) {
    const dyShape = [xShape[0], convOut(xShape[1], fShape[0], strides[0], pad, 1), convOut(xShape[2], fShape[1], strides[1], pad, 2), fShape[3]];
    const inputs = { dy: { data: seeded(dyShape, 70 + i), shape: dyShape }, filter: { data: seeded(fShape, 90 + i), shape: fShape } };
    const attrs = { strides, pad, dataFormat: 'NHWC', dimRoundingMode: undefined, inputShape: xShape };
    const err = await wasmVsCpu(tf.Conv2DBackpropInput, inputs, attrs, xShape);
    t.diagnostic(`x ${xShape} w ${fShape} s${strides.join('x')} ${padLabel(pad)}: max rel err ${err.toExponential(2)}`);
    assert.ok(err <= 1e-4, `config ${i}: error ${err}`);
    worst = Math.max(worst, err);
  }
  t.diagnostic(`worst max rel err over ${CONFIGS.length} configs: ${worst.toExponential(2)}`);
});
