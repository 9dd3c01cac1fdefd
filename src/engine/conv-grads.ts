// Conv2D gradients for the wasm backend, written as forward convolutions so they run on XNNPACK.
// Forward (NHWC, pads pt/pl): y[n,o,p,co] = sum_{i,j,ci} xpad[n, o*sh+i, p*sw+j, ci] * w[i,j,ci,co].
import * as tf from '@tensorflow/tfjs';
import { assertShape, cropSpatial, explicitPad, spreadSpatial, window1D } from './conv-geometry.js';
import { phaseSplitInputGrad } from './strided-input-grad.js';
import { stockKernel, withScope, type KernelArgs, type KernelScope } from './kernel-scope.js';

type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

interface ConvAttrs {
  strides: [number, number] | number;
  pad: Pad;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

function forwardInfo(xShape: number[], filterShape: number[], a: ConvAttrs, depthwise: boolean): tf.backend_util.Conv2DInfo {
  if (a.dataFormat === 'NCHW') throw new Error('zsnas wasm conv gradients support NHWC only (got dataFormat NCHW)');
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, 1, a.pad, a.dimRoundingMode, depthwise, 'channelsLast');
}

/**
 * dL/dx as a stride-1 correlation: spread dy by the stride (zeros between rows/cols), then correlate with the
 * spatially flipped filter. dx[i] = sum_k dyd[i + pt - k] w[k] needs dyd rows [pt-(kh-1), H-1+pt]; rows outside
 * dyd are zero padding, unused dyd rows are cropped (exact for any stride/padding, incl. uncovered rows).
 */
export function transposedConvInput(
  s: KernelScope, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo,
): { dyd: tf.TensorInfo; pad: ReturnType<typeof explicitPad> } {
  const spread = spreadSpatial(s, dy, info.strideHeight, info.strideWidth);
  const [, lh, lw] = spread.shape;
  const rows = window1D(lh, info.padInfo.top - (info.filterHeight - 1), info.inHeight - 1 + info.padInfo.top);
  const cols = window1D(lw, info.padInfo.left - (info.filterWidth - 1), info.inWidth - 1 + info.padInfo.left);
  if (rows.size === 0 || cols.size === 0) throw new Error('conv gradient: dy does not reach the input (degenerate padding)');
  return { dyd: cropSpatial(s, spread, rows, cols), pad: explicitPad(rows, cols) };
}

/**
 * Conv2DBackpropInput: dx = conv2d(dy, flip(w) with in/out swapped) for stride 1; split by output phase for
 * equal strides > 1; spread dy for unequal strides.
 */
export function conv2DBackpropInput(args: KernelArgs<'dy' | 'filter'>): tf.TensorInfo {
  const { dy, filter } = args.inputs;
  const attrs = args.attrs as unknown as ConvAttrs & { inputShape: number[] };
  if (attrs.dataFormat === 'NCHW') {
    const stock = stockKernel(tf.Conv2DBackpropInput);
    if (stock != null) return stock(args) as tf.TensorInfo;
  }
  const info = forwardInfo(attrs.inputShape, filter.shape, attrs, false);
  return withScope(args.backend, (s) => {
    if (info.strideHeight > 1 && info.strideHeight === info.strideWidth) {
      const dx = phaseSplitInputGrad(s, dy, filter, info);
      assertShape('Conv2DBackpropInput', dx.shape, info.inShape);
      return dx;
    }
    const { dyd, pad } = transposedConvInput(s, dy, info);
    const flipped = s.transpose(s.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
    const dx = s.run('Conv2D', { x: dyd, filter: flipped }, {
      strides: [1, 1], pad, dilations: [1, 1], dataFormat: 'NHWC', dimRoundingMode: undefined,
    });
    assertShape('Conv2DBackpropInput', dx.shape, info.inShape);
    return dx;
  });
}

/**
 * Conv2DBackpropFilter: dw[i,j,ci,co] = sum_{n,o,p} xpad[n, o*sh+i, p*sw+j, ci] dy[n,o,p,co] is a convolution
 * of x^T [ci, H, W, n] (input channels as batch, batch as reduction channel) with dy^T [Ho, Wo, n, co] as the
 * filter, dilated by the forward stride, padded like the forward. Its spatial output has
 * H + pt + pb - (Ho-1)*sh >= kh rows: the extra rows (input rows no output reached) are dropped by trimming
 * the bottom padding, and by a crop when that is not enough.
 */
export function conv2DBackpropFilter(args: KernelArgs<'x' | 'dy'>): tf.TensorInfo {
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as ConvAttrs & { filterShape: number[] };
  const info = forwardInfo(x.shape, attrs.filterShape, attrs, false);
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo } = info;
  const { top, bottom, left, right } = info.padInfo;
  const extraRows = info.inHeight + top + bottom - (ho - 1) * sh - kh;
  const extraCols = info.inWidth + left + right - (wo - 1) * sw - kw;
  const bottomUsed = bottom - Math.min(bottom, extraRows);
  const rightUsed = right - Math.min(right, extraCols);
  const noPad = top === 0 && bottom === 0 && left === 0 && right === 0;
  if (kh === 1 && kw === 1 && noPad) return pointwiseFilterGrad(args.backend, x, dy, info);
  return withScope(args.backend, (s) => {
    const xT = s.transpose(x, [3, 1, 2, 0]);
    const dyT = s.transpose(dy, [1, 2, 0, 3]);
    let dw = s.run('Conv2D', { x: xT, filter: dyT }, {
      strides: [1, 1], pad: [[0, 0], [top, bottomUsed], [left, rightUsed], [0, 0]], dilations: [sh, sw],
      dataFormat: 'NHWC', dimRoundingMode: undefined,
    });
    const [ci, rows, cols, co] = dw.shape;
    if (rows !== kh || cols !== kw) dw = s.run('Slice', { x: dw }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    const out = s.transpose(dw, [1, 2, 0, 3]);
    assertShape('Conv2DBackpropFilter', out.shape, attrs.filterShape);
    return out;
  });
}

/**
 * 1x1 unpadded kernels: dw = x^T dy as one matrix product [Ci, P] x [P, Co] (P = N*Ho*Wo), 4-5x faster here
 * than the convolution form, whose huge filter and 1x1 output suit XNNPACK badly.
 */
function pointwiseFilterGrad(
  backend: object, x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, inChannels: ci, outChannels: co } = info;
  const p = info.batchSize * ho * wo;
  return withScope(backend, (s) => {
    const sampled = sh === 1 && sw === 1 ? x : s.run('StridedSlice', { x }, {
      begin: [0, 0, 0, 0], end: [info.batchSize, (ho - 1) * sh + 1, (wo - 1) * sw + 1, ci], strides: [1, sh, sw, 1],
      beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
    });
    // An explicit transpose then a plain product is ~3x faster on wasm than BatchMatMul's transposeA.
    const xT = s.reshape(s.transpose(s.reshape(sampled, [p, ci]), [1, 0]), [1, ci, p]);
    const dw = s.run('BatchMatMul', { a: xT, b: s.reshape(dy, [1, p, co]) }, { transposeA: false, transposeB: false });
    return s.reshape(dw, [1, 1, ci, co]);
  });
}
