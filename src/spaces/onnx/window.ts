// Window attributes shared by Conv, MaxPool and AveragePool: square kernel and stride, dilation, explicit pads
// (ONNX order [top, left, bottom, right] -> IR [top, bottom, left, right]), auto_pad and a pending explicit Pad.
import { dilatedKernel, type Pad4 } from '../../graph/ir.js';
import type { NodeCtx, Tensor } from './context.js';

export interface Window {
  kernel: [number, number];
  stride: number;
  dilation: number;
  pad: Pad4;
}

const same = (k: number, s: number, size: number, upper: boolean): [number, number] => {
  const total = Math.max(0, (Math.ceil(size / s) - 1) * s + k - size);
  const small = Math.floor(total / 2);
  return upper ? [small, total - small] : [total - small, small];
};

/** The window of node ctx on input map [h, w, c]; `kernel` given for Conv (from the weight's dims). */
export function readWindow(ctx: NodeCtx, input: Tensor, shape: number[], kernelFromWeight?: [number, number]): Window {
  const ks = ctx.ints('kernel_shape', kernelFromWeight);
  if (!ks || ks.length !== 2) return ctx.fail(`kernel_shape [${ks ?? ''}] is not a 2-D kernel (only 2-D convolutions and pools are supported)`);
  const kernel: [number, number] = [ks[0], ks[1]];
  if (kernelFromWeight && (kernel[0] !== kernelFromWeight[0] || kernel[1] !== kernelFromWeight[1])) {
    ctx.fail(`kernel_shape [${kernel}] differs from the weight's [${kernelFromWeight}]`);
  }
  const strides = ctx.ints('strides', [1, 1])!;
  if (strides.length !== 2 || strides[0] !== strides[1]) ctx.fail(`strides [${strides}] are not supported (equal strides on both axes only)`);
  const dil = ctx.ints('dilations', [1, 1])!;
  if (dil.length !== 2 || dil[0] !== dil[1]) ctx.fail(`dilations [${dil}] are not supported (equal dilation on both axes only)`);
  const [stride, dilation] = [strides[0], dil[0]];
  const extra = input.pad?.pad ?? [0, 0, 0, 0];
  const h = shape[0] + extra[0] + extra[1], w = shape[1] + extra[2] + extra[3];
  const auto = ctx.str('auto_pad', 'NOTSET');
  let pad: Pad4;
  if (auto === 'NOTSET') {
    const p = ctx.ints('pads', [0, 0, 0, 0])!;
    if (p.length !== 4) ctx.fail(`pads [${p}] are not 2-D pads [top, left, bottom, right]`);
    pad = [p[0], p[2], p[1], p[3]];
  } else if (auto === 'VALID') {
    pad = [0, 0, 0, 0];
  } else if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    const up = auto === 'SAME_UPPER';
    const [t, b] = same(dilatedKernel(kernel[0], dilation), stride, h, up);
    const [l, r] = same(dilatedKernel(kernel[1], dilation), stride, w, up);
    pad = [t, b, l, r];
  } else {
    return ctx.fail(`auto_pad "${auto}" is not valid (NOTSET, SAME_UPPER, SAME_LOWER, VALID)`);
  }
  return { kernel, stride, dilation, pad: [pad[0] + extra[0], pad[1] + extra[1], pad[2] + extra[2], pad[3] + extra[3]] };
}

/**
 * ceil_mode: PyTorch/ONNX add a last, partial window when the floor formula leaves input rows uncovered (but
 * never one that starts in the end padding). Returned as extra end padding, exact for max pooling.
 */
export function ceilExtra(size: number, k: number, s: number, before: number, after: number): number {
  const span = size + before + after - k;
  let out = Math.ceil(span / s) + 1;
  if ((out - 1) * s >= size + before) out--;
  return Math.max(0, (out - 1) * s + k - (size + before + after));
}
