// Binary arithmetic on computed tensors: residual Add, squeeze-and-excitation / SiLU / HardSwish Mul, and the
// scalar constants exporters put around activations (x + 3, x / 6). Per-channel constant tensors are refused:
// they would be weights that zsnas does not initialise (a MatMul bias Add is fused into the dense layer instead).
import type { NodeCtx, Value } from './context.js';

type Op = 'Add' | 'Sub' | 'Mul' | 'Div';

export function arith(ctx: NodeCtx): Value[] {
  const op = ctx.node.opType as Op;
  const a = ctx.input(0) ?? ctx.fail('input 1 is missing');
  const b = ctx.input(1) ?? ctx.fail('input 2 is missing');
  const out = (id: string): Value[] => [{ kind: 'tensor', id }];
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    const x = ctx.tensor(0), y = ctx.tensor(1);
    if (op === 'Add') return out(ctx.add({ op: 'add' }, [x, y]));
    if (op === 'Sub') return out(ctx.add({ op: 'add' }, [x, ctx.add({ op: 'scale_shift', scale: -1, shift: 0 }, [y], '/neg')]));
    if (op === 'Mul') {
      // The IR broadcasts its second input: put the [1, 1, C] gate second whatever the export order.
      const [sx, sy] = [ctx.g.shapeOf(x), ctx.g.shapeOf(y)];
      const big = sx.reduce((p, q) => p * q, 1) >= sy.reduce((p, q) => p * q, 1);
      return out(ctx.add({ op: 'mul' }, big ? [x, y] : [y, x]));
    }
    return ctx.fail('dividing two computed tensors is not supported');
  }
  const tensorFirst = a.kind === 'tensor';
  const x = ctx.tensor(tensorFirst ? 0 : 1);
  const c = ctx.constant(tensorFirst ? 1 : 0, 'the constant operand');
  if (c.data.length !== 1) {
    return ctx.fail(`${op} with a constant of dims [${c.dims}] is not supported (scalar constants only: a per-channel constant would be an uninitialised weight)`);
  }
  const k = c.data[0];
  const affine = (scale: number, shift: number) => out(ctx.add({ op: 'scale_shift', scale, shift }, [x]));
  switch (op) {
    case 'Add': return affine(1, k);
    case 'Sub': return tensorFirst ? affine(1, -k) : affine(-1, k);
    case 'Mul': return affine(k, 0);
    case 'Div':
      if (!tensorFirst) return ctx.fail('dividing a constant by a computed tensor is not supported');
      if (k === 0) return ctx.fail('division by the constant 0');
      return affine(1 / k, 0);
  }
}
