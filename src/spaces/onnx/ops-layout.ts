// Layout operators on computed tensors: Flatten and Reshape to [N, -1], the three-node channel shuffle
// (Reshape to [N, g, C/g, H, W], Transpose 0 2 1 3 4, Reshape back), Concat, Split and Slice on the channel
// axis, Squeeze of a [N, C, 1, 1] pool, and [N, C] -> [N, C, 1, 1] (Reshape or Unsqueeze) for SE gates made by
// dense layers. NCHW flattening orders features differently from the IR's NHWC, which only permutes the next
// dense layer's inputs: its weights are freshly initialised, so nothing changes.
import { normAxis, type NodeCtx, type Tensor, type Value } from './context.js';
import { sliceRange, viewShape } from './fold.js';

const out = (id: string, extra: Partial<Tensor> = {}): Value[] => [{ kind: 'tensor', id, ...extra }];
const product = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

function flattenOf(ctx: NodeCtx, x: string): Value[] {
  return ctx.g.shapeOf(x).length === 1 ? out(x) : out(ctx.add({ op: 'flatten' }, [x]));
}

export function flatten(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  if (ctx.int('axis', 1) !== 1) ctx.fail(`axis ${ctx.int('axis', 1)} is not supported (1: keep the batch, flatten the rest)`);
  return flattenOf(ctx, x);
}

export function squeeze(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  const s = ctx.onnxShape(x);
  const axes = ctx.opset >= 13 ? (ctx.input(1) ? ctx.constant(1, 'axes').data : undefined) : ctx.ints('axes', undefined);
  const list = (axes ?? s.map((d, i) => (d === 1 && i > 0 ? i : -1)).filter((i) => i >= 0)).map((a) => normAxis(a, s.length, ctx)).sort();
  if (s.length === 4 && s[2] === 1 && s[3] === 1 && list.join(',') === '2,3') return flattenOf(ctx, x);
  return ctx.fail(`squeezing axes [${list}] of [${s}] is not supported (only [N, C, 1, 1] -> [N, C])`);
}

/** Unsqueeze of a [N, C] vector to [N, C, 1, 1] (axes 2, 3): the map an SE gate multiplies. */
export function unsqueeze(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  const s = ctx.onnxShape(x);
  const axes = ctx.opset >= 13 ? (ctx.input(1) ? ctx.constant(1, 'axes').data : undefined) : ctx.ints('axes', undefined);
  const list = (axes ?? []).map((a) => normAxis(a, s.length + (axes?.length ?? 0), ctx)).sort();
  if (s.length === 2 && list.join(',') === '2,3') return out(ctx.add({ op: 'to_map' }, [x]));
  return ctx.fail(`unsqueezing [${s}] at axes [${axes ?? ''}] is not supported (only [N, C] -> [N, C, 1, 1])`);
}

export function reshape(ctx: NodeCtx): Value[] {
  const xv = ctx.input(0) ?? ctx.fail('input 1 is missing');
  if (xv.kind !== 'tensor' || xv.pad) ctx.tensor(0);
  const x = xv as Tensor;
  const inShape = viewShape(ctx, x.id, x.view);
  const target = ctx.constant(1, 'shape').data;
  const allowZero = ctx.int('allowzero', 0) === 1;
  const dims = target.map((d, i) => (d === 0 && !allowZero ? inShape[i] : d));
  const isBatch = (d: number) => Number.isNaN(d) || d === ctx.batch || d === -1;
  if (dims.length < 2 || !isBatch(dims[0])) ctx.fail(`target shape [${target}] does not keep the batch axis first`);
  const perSample = product(inShape.slice(1));
  const rest = dims.slice(1);
  const free = rest.filter((d) => d === -1).length;
  if (free > 1 || (free === 1 && dims[0] === -1 && !Number.isNaN(ctx.batch))) ctx.fail(`target shape [${target}] has more than one free dimension`);
  const known = product(rest.filter((d) => d !== -1));
  const t = rest.map((d) => (d === -1 ? perSample / known : d));
  if (product(t) !== perSample || t.some((d) => !Number.isInteger(d) || d < 1)) {
    ctx.fail(`target shape [${target}] does not hold the ${perSample} values per sample of [${inShape}]`);
  }
  const [, c, h, w] = ctx.onnxShape(x.id);
  if (x.view) {
    if (t.length === 3 && t[0] === c && t[1] === h && t[2] === w) {
      return x.view.transposed ? out(ctx.add({ op: 'channel_shuffle', groups: x.view.groups }, [x.id])) : out(x.id);
    }
    return ctx.fail(`reshaping the channel-group view [${inShape}] to [${target}] is not supported (only back to [N, C, H, W])`);
  }
  if (t.length === 1) return flattenOf(ctx, x.id);
  if (inShape.length === 2 && t.length === 3 && t[0] === inShape[1] && t[1] === 1 && t[2] === 1) {
    return out(ctx.add({ op: 'to_map' }, [x.id]));
  }
  if (t.join(',') === inShape.slice(1).join(',')) return out(x.id);
  if (inShape.length === 4 && t.length === 4 && t[0] * t[1] === c && t[2] === h && t[3] === w) {
    return out(x.id, { view: { groups: t[0], transposed: false } });
  }
  return ctx.fail(`reshaping [${inShape}] to [${target}] is not supported (flatten to [N, -1] and the channel shuffle only)`);
}

export function transpose(ctx: NodeCtx): Value[] {
  const xv = ctx.input(0) ?? ctx.fail('input 1 is missing');
  if (xv.kind !== 'tensor' || xv.pad) ctx.tensor(0);
  const x = xv as Tensor;
  const perm = ctx.ints('perm', undefined);
  if (x.view && !x.view.transposed && perm?.join(',') === '0,2,1,3,4') return out(x.id, { view: { groups: x.view.groups, transposed: true } });
  const rank = viewShape(ctx, x.id, x.view).length;
  if (!x.view && perm && perm.every((p, i) => p === i) && perm.length === rank) return out(x.id);
  return ctx.fail(`perm [${perm ?? 'reverse'}] is not supported (only the channel shuffle's [0, 2, 1, 3, 4] on a [N, g, C/g, H, W] view)`);
}

function channelAxis(ctx: NodeCtx, x: string, axis: number): void {
  const rank = ctx.onnxShape(x).length;
  if (normAxis(axis, rank, ctx) !== 1) ctx.fail(`axis ${axis} is not supported (the channel axis 1 only)`);
}

export function concat(ctx: NodeCtx): Value[] {
  const ids = ctx.node.inputs.map((_, k) => ctx.tensor(k));
  channelAxis(ctx, ids[0], ctx.int('axis', 1));
  return ids.length === 1 ? out(ids[0]) : out(ctx.add({ op: 'concat' }, ids));
}

export function split(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  channelAxis(ctx, x, ctx.int('axis', 0));
  const s = ctx.g.shapeOf(x);
  const c = s[s.length - 1];
  const n = ctx.node.outputs.length;
  let sizes = ctx.opset >= 13 ? (ctx.input(1) ? ctx.constant(1, 'split').data : undefined) : ctx.ints('split', undefined);
  if (!sizes) {
    const parts = ctx.opset >= 18 ? ctx.int('num_outputs', n) : n;
    const each = Math.ceil(c / parts);
    sizes = Array.from({ length: parts }, (_, i) => Math.max(0, Math.min(each, c - i * each)));
  }
  if (sizes.length !== n || sizes.reduce((a, b) => a + b, 0) !== c) ctx.fail(`split sizes [${sizes}] do not divide ${c} channels into ${n} outputs`);
  let start = 0;
  return sizes.map((size, i) => {
    const v: Value = { kind: 'tensor', id: ctx.g.add(ctx.node.outputs[i], { op: 'slice_channels', start, end: start + size }, [x]) };
    start += size;
    return v;
  });
}

export function slice(ctx: NodeCtx): Value[] {
  const x = ctx.tensor(0);
  const rank = ctx.onnxShape(x).length;
  const axes = ctx.input(3) ? ctx.constant(3, 'axes').data : [0];
  if (axes.length !== 1 || normAxis(axes[0], rank, ctx) !== 1) ctx.fail(`slicing axes [${axes}] is not supported (one slice of the channel axis 1)`);
  const s = ctx.g.shapeOf(x);
  const c = s[s.length - 1];
  const [start, end, step] = sliceRange(ctx, c);
  if (step !== 1) ctx.fail(`step ${step} is not supported (contiguous channel ranges only)`);
  if (start === 0 && end === c) return out(x);
  if (end <= start) ctx.fail(`the slice [${start}, ${end}) of ${c} channels is empty`);
  return out(ctx.add({ op: 'slice_channels', start, end }, [x]));
}
