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

/** The parts of BackendWasm used to read inputs and write an output from JS (as its own Slice kernel does). */
interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/**
 * dw[i,j,c,m] = sum_{n,o,p} xpad[n, o*sh+i, p*sw+j, c] * dy[n,o,p,c*M+m], as one JS pass over the wasm heap
 * (float64 accumulators). Only kh*kw*C*M multiply-adds per output pixel: 10-40x faster here than any
 * composition of wasm kernels tried (per-tap slice/multiply/sum, or a dilated depthwise conv with dy as the
 * filter), which are bound by their full-size transposes and slices.
 */
export function depthwiseBackpropFilter(args: KernelArgs<'x' | 'dy'>): tf.TensorInfo {
  const { x, dy } = args.inputs;
  const attrs = args.attrs as unknown as DepthwiseAttrs & { filterShape: number[] };
  const info = depthwiseInfo(tf.DepthwiseConv2dNativeBackpropFilter, x.shape, attrs.filterShape, attrs);
  const [kh, kw, c, m] = attrs.filterShape as [number, number, number, number];
  const { strideHeight: sh, strideWidth: sw, outHeight: ho, outWidth: wo, padInfo } = info;
  const [n, h, w] = x.shape as [number, number, number, number];
  const cm = c * m;
  const acc = new Float64Array(kh * kw * cm);
  const backend = args.backend as unknown as HeapBackend;
  const out = backend.makeOutput([kh, kw, c, m], 'float32');
  // Views only after the allocation: a growing wasm heap detaches older views.
  const xv = backend.typedArrayFromHeap(x);
  const dyv = backend.typedArrayFromHeap(dy);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < ho; o++) {
      for (let p = 0; p < wo; p++) {
        const dyOff = ((b * ho + o) * wo + p) * cm;
        for (let i = 0; i < kh; i++) {
          const row = o * sh + i - padInfo.top;
          if (row < 0 || row >= h) continue;
          for (let j = 0; j < kw; j++) {
            const col = p * sw + j - padInfo.left;
            if (col < 0 || col >= w) continue;
            const xOff = ((b * h + row) * w + col) * c;
            const accOff = (i * kw + j) * cm;
            if (m === 1) {
              for (let q = 0; q < c; q++) acc[accOff + q]! += xv[xOff + q]! * dyv[dyOff + q]!;
            } else {
              for (let q = 0; q < cm; q++) acc[accOff + q]! += xv[xOff + Math.floor(q / m)]! * dyv[dyOff + q]!;
            }
          }
        }
      }
    }
  }
  backend.typedArrayFromHeap(out).set(acc);
  return out;
}
