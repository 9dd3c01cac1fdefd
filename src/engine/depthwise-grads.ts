// Depthwise conv gradients for the wasm backend (which has neither), built from existing wasm kernels.
// Forward: y[n,o,p,c*M+m] = sum_{i,j} xpad[n, o*sh+i, p*sw+j, c] * w[i,j,c,m].
import * as tf from '@tensorflow/tfjs';
import { transposedConvInput } from './conv-grads.js';
import { assertShape } from './conv-geometry.js';
import { withScope, type KernelArgs } from './kernel-scope.js';

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations?: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function depthwiseInfo(kernel: string, xShape: number[], filterShape: number[], a: DepthwiseAttrs): tf.backend_util.Conv2DInfo {
  const d = a.dilations ?? 1;
  if (!(typeof d === 'number' ? d === 1 : d[0] === 1 && d[1] === 1)) {
    throw new Error(`${kernel} on wasm (zsnas): dilations must be 1, got ${JSON.stringify(d)}`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, 1, a.pad, a.dimRoundingMode, true, 'channelsLast');
}

/**
 * dx = depthwise(spread dy, flipped filter seen as [kh, kw, C*M, 1]) gives one map per (c, m); summing the M
 * maps of each channel gives dx. Same cost as the forward depthwise conv (times stride^2 for stride > 1).
 */
export function depthwiseBackpropInput(args: KernelArgs<'dy' | 'filter'>): tf.TensorInfo {
  const { dy, filter } = args.inputs;
  const attrs = args.attrs as unknown as DepthwiseAttrs & { inputShape: number[] };
  const info = depthwiseInfo(tf.DepthwiseConv2dNativeBackpropInput, attrs.inputShape, filter.shape, attrs);
  const [kh, kw, c, m] = filter.shape;
  return withScope(args.backend, (s) => {
    const { dyd, pad } = transposedConvInput(s, dy, info);
    const flipped = s.reshape(s.run('Reverse', { x: filter }, { dims: [0, 1] }), [kh, kw, c * m, 1]);
    let dx = s.run('DepthwiseConv2dNative', { x: dyd, filter: flipped }, {
      strides: [1, 1], pad, dilations: [1, 1], dimRoundingMode: undefined,
    });
    if (m > 1) {
      const [n, h, w] = dx.shape;
      dx = s.run('Sum', { x: s.reshape(dx, [n, h, w, c, m]) }, { axis: [4], keepDims: false });
    }
    assertShape('DepthwiseConv2dNativeBackpropInput', dx.shape, info.inShape);
    return dx;
  });
}

/**
 * dw[i,j,c,m] = sum_{n,o,p} xpad[n, o*sh+i, p*sw+j, c] * dy[n,o,p,c*M+m]: one strided slice, multiply and
 * inner-axis sum per filter tap, with channels moved to the front once so that every sum is over inner axes.
 */
export function depthwiseBackpropFilter(args: KernelArgs<'x' | 'dy'>): tf.TensorInfo {
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as DepthwiseAttrs & { filterShape: number[] };
  const info = depthwiseInfo(tf.DepthwiseConv2dNativeBackpropFilter, x.shape, attrs.filterShape, attrs);
  const [kh, kw, c, m] = attrs.filterShape;
  const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, padInfo } = info;
  const [n, h, w] = x.shape;
  const plane = n * ho * wo;
  // Only rows up to (ho-1)*sh + kh - 1 of the padded input are read.
  const padBottom = Math.max(0, (ho - 1) * sh + kh - padInfo.top - h);
  const padRight = Math.max(0, (wo - 1) * sw + kw - padInfo.left - w);
  return withScope(args.backend, (s) => {
    let xT = s.transpose(x, [3, 0, 1, 2]); // [C, N, H, W]
    if (padInfo.top > 0 || padInfo.left > 0 || padBottom > 0 || padRight > 0) {
      xT = s.run('PadV2', { x: xT }, {
        paddings: [[0, 0], [0, 0], [padInfo.top, padBottom], [padInfo.left, padRight]], constantValue: 0,
      });
    }
    const dyT = s.reshape(s.transpose(dy, [3, 0, 1, 2]), [c, m, plane]); // [C, M, N*Ho*Wo]
    const taps: tf.TensorInfo[] = [];
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const xs = s.run('StridedSlice', { x: xT }, {
          begin: [0, 0, i, j], end: [c, n, i + (ho - 1) * sh + 1, j + (wo - 1) * sw + 1], strides: [1, 1, sh, sw],
          beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
        });
        const prod = s.run('Multiply', { a: s.reshape(xs, [c, 1, plane]), b: dyT });
        taps.push(s.reshape(s.run('Sum', { x: prod }, { axis: [2], keepDims: false }), [1, c * m]));
      }
    }
    const stacked = taps.length === 1 ? taps[0] : s.run('Concat', taps as unknown as Record<string, tf.TensorInfo>, { axis: 0 });
    const dw = s.reshape(stacked, [kh, kw, c, m]);
    assertShape('DepthwiseConv2dNativeBackpropFilter', dw.shape, attrs.filterShape);
    return dw;
  });
}
