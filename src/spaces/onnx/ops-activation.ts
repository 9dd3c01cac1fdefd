// Element-wise activations and pass-through operators. Clip is ReLU6 (0, 6) or ReLU (0, none); Softmax and
// LogSoftmax are accepted only where they produce the graph output, and dropped there so the graph yields logits.
import type { NodeSpec } from '../../graph/ir.js';
import type { NodeCtx, Value } from './context.js';

const unary = (ctx: NodeCtx, spec: NodeSpec): Value[] => [{ kind: 'tensor', id: ctx.add(spec, [ctx.tensor(0)]) }];

export const relu = (ctx: NodeCtx) => unary(ctx, { op: 'relu' });
export const sigmoid = (ctx: NodeCtx) => unary(ctx, { op: 'sigmoid' });
export const hardSwish = (ctx: NodeCtx) => unary(ctx, { op: 'hard_swish' });
export const leakyRelu = (ctx: NodeCtx) => unary(ctx, { op: 'leaky_relu', alpha: ctx.float('alpha', 0.01) });
export const hardSigmoid = (ctx: NodeCtx) =>
  unary(ctx, { op: 'hard_sigmoid', alpha: ctx.float('alpha', 0.2), beta: ctx.float('beta', 0.5) });

export function clip(ctx: NodeCtx): Value[] {
  const bound = (k: number, what: string): number | undefined => {
    if (!ctx.input(k)) return undefined;
    const d = ctx.constant(k, what).data;
    if (d.length !== 1) ctx.fail(`${what} must be a scalar, got ${d.length} values`);
    return d[0];
  };
  // Opset 11+ passes the bounds as inputs (constants in every exporter we know).
  const lo = bound(1, 'min'), hi = bound(2, 'max');
  if (lo === 0 && hi === 6) return unary(ctx, { op: 'relu6' });
  if (lo === 0 && (hi === undefined || hi === Infinity)) return unary(ctx, { op: 'relu' });
  return ctx.fail(`Clip(min ${lo ?? 'none'}, max ${hi ?? 'none'}) is not supported (ReLU6: min 0, max 6; ReLU: min 0, no max)`);
}

/** Identity, Dropout (scored as the deterministic network; its mask output stays undefined), Cast to float. */
export function passThrough(ctx: NodeCtx): Value[] {
  const v = ctx.input(0) ?? ctx.fail('input 1 is missing');
  if (ctx.node.opType === 'Cast' && ![1, 10, 11, 16].includes(ctx.int('to', 1))) {
    ctx.fail(`casting a computed tensor to data type ${ctx.int('to', 1)} is not supported (float types only)`);
  }
  return [v];
}

export function softmax(ctx: NodeCtx): Value[] {
  if (!ctx.isOutput) ctx.fail('Softmax / LogSoftmax is supported only as the last node (dropped there to score the logits)');
  const x = ctx.tensor(0);
  const s = ctx.g.shapeOf(x);
  if (s.length !== 1) ctx.fail(`the output is a feature map [${s}], a vector of logits is expected`);
  return [{ kind: 'tensor', id: x }];
}
