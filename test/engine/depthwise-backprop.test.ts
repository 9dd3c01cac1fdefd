// The wasm DepthwiseConv2dNativeBackpropFilter/Input kernels (absent from stock wasm) agree with the cpu ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { isReplaced } from '../../src/engine/wasm-kernels.js';
import { convOut, padLabel, seeded, useWasm, wasmVsCpu, type Pad, type Shape4 } from './helpers.js';

const P1: Pad = [[0, 0], [1, 1], [1, 1], [0, 0]];
// [x shape, filter shape [kh, kw, C, multiplier], stride, pad]
const CONFIGS: Array<[Shape4, Shape4, number, Pad]> = [
  [[2, 8, 8, 3], [3, 3, 3, 1], 1, P1],
  [[1, 7, 9, 4], [3, 3, 4, 1], 1, 'same'],
  [[2, 6, 5, 2], [3, 3, 2, 3], 1, 'valid'], // channel multiplier 3
  [[2, 8, 8, 4], [3, 3, 4, 1], 2, P1],
  [[2, 7, 7, 3], [3, 3, 3, 2], 2, 'same'],
  [[1, 9, 8, 2], [5, 5, 2, 1], 2, [[0, 0], [2, 2], [2, 2], [0, 0]]],
  [[2, 8, 6, 3], [3, 3, 3, 1], 2, 'valid'], // the last input row is never read
  [[3, 5, 5, 4], [1, 1, 4, 2], 1, 'valid'],
];

test('depthwise conv gradient kernels on wasm match the cpu kernels (max rel. error <= 1e-4)', async (t) => {
  await useWasm();
  for (const k of [tf.DepthwiseConv2dNativeBackpropFilter, tf.DepthwiseConv2dNativeBackpropInput]) {
    assert.ok(isReplaced(k), `${k} is registered`);
  }
  let worst = 0;
  for (const [i, [xShape, fShape, stride, pad]] of CONFIGS.entries()) {
    const dyShape: number[] = [xShape[0], convOut(xShape[1], fShape[0], stride, pad, 1), convOut(xShape[2], fShape[1], stride, pad, 2), fShape[2] * fShape[3]];
    const x = { data: seeded(xShape, 110 + i), shape: xShape as number[] };
    const dy = { data: seeded(dyShape, 130 + i), shape: dyShape };
    const filter = { data: seeded(fShape, 150 + i), shape: fShape as number[] };
    const common = { strides: [stride, stride], pad, dilations: [1, 1], dimRoundingMode: undefined };
    const cases: Array<[string, Record<string, typeof x>, Record<string, unknown>, number[]]> = [
      [tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...common, filterShape: fShape }, fShape],
      [tf.DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...common, inputShape: xShape }, xShape],
    ];
    for (const [kernel, inputs, attrs, want] of cases) {
      const err = await wasmVsCpu(kernel, inputs, attrs, want);
      t.diagnostic(`${kernel.replace('DepthwiseConv2dNative', 'dw')} x ${xShape} w ${fShape} s${stride} ${padLabel(pad)}: ${err.toExponential(2)}`);
      assert.ok(err <= 1e-4, `config ${i} ${kernel}: error ${err}`);
      worst = Math.max(worst, err);
    }
  }
  t.diagnostic(`worst max rel err: ${worst.toExponential(2)}`);
});
