// Parametric operators: Conv (dense, grouped, depthwise, dilated), Gemm and MatMul (dense), BatchNormalization
// (eval form, and the training-mode export whose extra running-stat outputs nothing reads). Weights are read for
// their dims only: the layer's #Params are the initializer's element count, as PyTorch counts them.
import type { NodeCtx, Tensor, Value } from './context.js';
import { readWindow } from './window.js';

export function conv(ctx: NodeCtx): Value[] {
  const xv = ctx.padded(0);
  const x = xv.id;
  const shape = ctx.g.shapeOf(x);
  if (shape.length !== 3) ctx.fail(`input is a vector [${shape}]; Conv needs an image feature map`);
  const w = ctx.constDims(1, 'the weight');
  if (w.length !== 4) ctx.fail(`weight dims [${w}] are not a 2-D convolution kernel [out, in / group, kh, kw]`);
  const [cout, cinPerGroup, kh, kw] = w;
  const cin = shape[2];
  const groups = ctx.int('group', 1);
  if (cinPerGroup * groups !== cin) ctx.fail(`weight dims [${w}] with group ${groups} do not match ${cin} input channels`);
  const win = readWindow(ctx, xv, shape, [kh, kw]);
  const b = ctx.input(2);
  let bias = false;
  if (b) {
    const bd = ctx.constDims(2, 'the bias');
    if (bd.length !== 1 || bd[0] !== cout) ctx.fail(`bias dims [${bd}] do not match ${cout} output channels`);
    bias = true;
  }
  const common = { kernel: win.kernel, stride: win.stride, pad: win.pad, bias,
    ...(win.dilation !== 1 ? { dilation: win.dilation } : {}) };
  if (groups > 1 && groups === cin) {
    return [{ kind: 'tensor', id: ctx.add({ op: 'depthwise_conv2d', ...common, multiplier: cout / cin }, [x]) }];
  }
  return [{ kind: 'tensor', id: ctx.add({ op: 'conv2d', ...common, filters: cout, ...(groups > 1 ? { groups } : {}) }, [x]) }];
}

/** Gemm as a fully connected layer: Y = X W^T + b with W an initializer (PyTorch's nn.Linear: transB = 1). */
export function gemm(ctx: NodeCtx): Value[] {
  const x = vectorInput(ctx);
  if (ctx.int('transA', 0) !== 0) ctx.fail('transA = 1 is not supported (the input must be [batch, features])');
  const alpha = ctx.float('alpha', 1), beta = ctx.float('beta', 1);
  if (alpha !== 1 || (ctx.input(2) && beta !== 1)) ctx.fail(`alpha ${alpha} / beta ${beta} are not supported (1 only)`);
  const w = ctx.constDims(1, 'the weight');
  if (w.length !== 2) ctx.fail(`weight dims [${w}] are not a matrix`);
  const [fin, units] = ctx.int('transB', 0) ? [w[1], w[0]] : w;
  return [dense(ctx, x, fin, units, 2)];
}

/** MatMul by an initializer [in, out]; a following Add of a bias vector is fused by the builder (biasInput). */
export function matmul(ctx: NodeCtx, biasFrom?: { ctx: NodeCtx; k: number }): Value[] {
  const x = vectorInput(ctx);
  const w = ctx.constDims(1, 'the right-hand matrix');
  if (w.length !== 2) ctx.fail(`right-hand dims [${w}] are not a matrix (only MatMul by a weight matrix is supported)`);
  return [dense(ctx, x, w[0], w[1], -1, biasFrom)];
}

function vectorInput(ctx: NodeCtx): string {
  const x = ctx.tensor(0);
  const s = ctx.g.shapeOf(x);
  if (s.length !== 1) ctx.fail(`input is a feature map [N, ${s[2]}, ${s[0]}, ${s[1]}]; flatten or pool it before a fully connected layer`);
  return x;
}

function dense(ctx: NodeCtx, x: string, fin: number, units: number, biasInput: number, fused?: { ctx: NodeCtx; k: number }): Tensor {
  const have = ctx.g.shapeOf(x)[0];
  if (fin !== have) ctx.fail(`weight expects ${fin} input features, the input has ${have}`);
  let bias = false;
  const check = (c: NodeCtx, k: number) => {
    const bd = c.constDims(k, 'the bias');
    if (bd.reduce((a, b) => a * b, 1) !== units || bd[bd.length - 1] !== units) c.fail(`bias dims [${bd}] do not match ${units} outputs`);
    bias = true;
  };
  if (biasInput >= 0 && ctx.input(biasInput)) check(ctx, biasInput);
  if (fused) check(fused.ctx, fused.k);
  return { kind: 'tensor', id: ctx.add({ op: 'dense', units, bias }, [x]) };
}

export function batchNorm(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  const s = ctx.g.shapeOf(x);
  const c = s[s.length - 1];
  for (const [k, what] of [[1, 'scale'], [2, 'B'], [3, 'mean'], [4, 'var']] as const) {
    const d = ctx.constDims(k, what);
    if (d.reduce((a, b) => a * b, 1) !== c) ctx.fail(`${what} dims [${d}] do not match ${c} channels`);
  }
  // ONNX: running = momentum * running + (1 - momentum) * batch; PyTorch's momentum is the batch's weight.
  const momentum = 1 - ctx.float('momentum', 0.9);
  const eps = ctx.float('epsilon', 1e-5);
  return [{ kind: 'tensor', id: ctx.add({ op: 'batchnorm', affine: true, eps, momentum }, [x]) }];
}
