// Pooling and padding: MaxPool (ceil_mode as extra end padding, exact with -inf pads), AveragePool
// (count_include_pad both ways), GlobalAveragePool and ReduceMean over H, W (keepdims gives the [1, 1, C] map
// that squeeze-and-excitation convolves), and an explicit zero Pad, carried to the next Conv / AveragePool.
import type { Pad4 } from '../../graph/ir.js';
import { normAxis, type NodeCtx, type Value } from './context.js';
import { ceilExtra, readWindow } from './window.js';

const out = (id: string): Value[] => [{ kind: 'tensor', id }];

function pool(ctx: NodeCtx, op: 'max_pool' | 'avg_pool'): Value[] {
  const xv = ctx.padded(0);
  const shape = ctx.g.shapeOf(xv.id);
  if (shape.length !== 3) ctx.fail(`input is a vector [${shape}]; pooling needs a feature map`);
  if (op === 'max_pool' && xv.pad) ctx.fail(`reads the zero Pad "${xv.pad.node}"; max pooling pads with -inf, so fold the padding into the MaxPool's pads`);
  const win = readWindow(ctx, xv, shape);
  if (win.kernel[0] !== win.kernel[1]) ctx.fail(`kernel_shape [${win.kernel}] is not supported (square pools only)`);
  if (win.dilation !== 1) ctx.fail(`dilations ${win.dilation} are not supported on pools`);
  const k = win.kernel[0];
  const pad: Pad4 = [...win.pad];
  if (ctx.int('ceil_mode', 0) === 1) {
    const eh = ceilExtra(shape[0], k, win.stride, pad[0], pad[1]), ew = ceilExtra(shape[1], k, win.stride, pad[2], pad[3]);
    if ((eh || ew) && op === 'avg_pool') ctx.fail('ceil_mode = 1 changes the output size here, which is supported for MaxPool only');
    pad[1] += eh;
    pad[3] += ew;
  }
  if (op === 'max_pool') {
    if (ctx.node.outputs.length > 1 && ctx.node.outputs[1]) ctx.fail('the Indices output of MaxPool is not supported');
    return out(ctx.add({ op, size: k, stride: win.stride, pad }, [xv.id]));
  }
  // A pending zero Pad counts in the divisor, like count_include_pad = 1.
  const include = ctx.int('count_include_pad', 0) === 1 || xv.pad !== undefined;
  if (xv.pad && ctx.int('count_include_pad', 0) === 0 && win.pad.some((p, i) => p !== xv.pad!.pad[i])) {
    ctx.fail('an explicit Pad followed by an AveragePool with its own pads and count_include_pad = 0 is not supported');
  }
  const anyPad = pad.some((p) => p !== 0);
  return out(ctx.add({ op, size: k, stride: win.stride, pad, ...(include && anyPad ? { includePad: true } : {}) }, [xv.id]));
}

export const maxPool = (ctx: NodeCtx) => pool(ctx, 'max_pool');
export const averagePool = (ctx: NodeCtx) => pool(ctx, 'avg_pool');

export function globalAveragePool(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  if (ctx.g.shapeOf(x).length !== 3) ctx.fail('input is not a feature map');
  return out(ctx.add({ op: 'global_avg_pool', keepDims: true }, [x]));
}

/** ReduceMean over exactly the spatial axes (2, 3): a global average pool. */
export function reduceMean(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  if (ctx.g.shapeOf(x).length !== 3) ctx.fail('ReduceMean is supported on feature maps only');
  const raw = ctx.opset >= 18 ? (ctx.input(1) ? ctx.constant(1, 'axes').data : undefined) : ctx.ints('axes', undefined);
  const axes = (raw ?? []).map((a) => normAxis(a, 4, ctx)).sort();
  if (axes.join(',') !== '2,3') ctx.fail(`axes [${raw ?? 'all'}] are not supported (the spatial axes [2, 3] only, a global average pool)`);
  return out(ctx.add({ op: 'global_avg_pool', keepDims: ctx.int('keepdims', 1) === 1 }, [x]));
}

/** Constant zero padding of H and W, applied by the next Conv or AveragePool. */
export function pad(ctx: NodeCtx): Value[] {
  const xv = ctx.padded(0);
  if (ctx.g.shapeOf(xv.id).length !== 3) ctx.fail('Pad is supported on feature maps only');
  const mode = ctx.str('mode', 'constant');
  if (mode !== 'constant') ctx.fail(`mode "${mode}" is not supported (constant zero padding only)`);
  if (ctx.input(2) && ctx.constant(2, 'constant_value').data.some((v) => v !== 0)) ctx.fail('a non-zero constant_value is not supported');
  let pads = ctx.constant(1, 'pads').data;
  const axesIn = ctx.input(3) ? ctx.constant(3, 'axes').data.map((a) => normAxis(a, 4, ctx)) : [0, 1, 2, 3];
  if (pads.length !== 2 * axesIn.length) ctx.fail(`pads [${pads}] do not match ${axesIn.length} axes`);
  const full = new Array(8).fill(0);
  axesIn.forEach((a, i) => { full[a] = pads[i]; full[a + 4] = pads[i + axesIn.length]; });
  pads = full;
  if (pads[0] || pads[1] || pads[4] || pads[5]) ctx.fail(`pads [${pads}] pad the batch or channel axis; only H and W padding is supported`);
  if (pads.some((p) => p < 0)) ctx.fail(`negative pads [${pads}] (cropping) are not supported`);
  const prev = xv.pad?.pad ?? [0, 0, 0, 0];
  const p: Pad4 = [prev[0] + pads[2], prev[1] + pads[6], prev[2] + pads[3], prev[3] + pads[7]];
  return [{ kind: 'tensor', id: xv.id, pad: { pad: p, node: ctx.node.name } }];
}
