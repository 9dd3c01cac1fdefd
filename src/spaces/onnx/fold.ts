// Shape arithmetic evaluated once at import. Exporters compute reshape targets from the runtime shape
// (x.size(0), channels // groups, ...): Shape, Gather, Slice, Cast, Div, Mul, Add, Sub, Unsqueeze, Squeeze,
// Concat, Reshape, Identity, Constant, ConstantOfShape on constants give constants here. The one unknown, a
// symbolic batch size, travels as NaN, so a reshape target of [NaN, -1] reads as "keep the batch, flatten".
import { FLOAT, isIntegerType } from './model.js';
import { constData, normAxis, type Const, type NodeCtx, type Value } from './context.js';

export const FOLDED_OPS = ['Constant', 'ConstantOfShape', 'Shape', 'Gather', 'Slice', 'Cast', 'Div', 'Mul', 'Add', 'Sub',
  'Unsqueeze', 'Squeeze', 'Concat', 'Reshape', 'Identity'] as const;
const FOLDABLE = new Set<string>(FOLDED_OPS);

const mk = (dims: number[], data: number[], int: boolean): Const => ({ kind: 'const', dims, data, int });

/** The node's outputs when it can be evaluated now, else undefined (the converters handle it). */
export function foldNode(ctx: NodeCtx): Value[] | undefined {
  const op = ctx.node.opType;
  if (!FOLDABLE.has(op)) return undefined;
  if (op === 'Constant') return [constantAttr(ctx)];
  if (op === 'Shape') {
    const v = ctx.input(0);
    if (!v) return ctx.fail('input 1 is missing');
    let dims = v.kind === 'const' ? v.dims : viewShape(ctx, v.id, v.view);
    const start = ctx.int('start', 0), end = ctx.attr('end') ? ctx.int('end', dims.length) : dims.length;
    dims = dims.slice(start < 0 ? start + dims.length : start, end < 0 ? end + dims.length : end);
    return [mk([dims.length], dims, true)];
  }
  const ins = ctx.node.inputs.map((_, k) => ctx.input(k));
  if (ins.some((v) => v !== undefined && v.kind !== 'const')) return undefined;
  const c = (k: number) => ctx.constant(k, `input ${k + 1}`);
  switch (op) {
    case 'Identity':
      return [ins[0]!];
    case 'Cast': {
      const int = isIntegerType(ctx.int('to', FLOAT));
      const x = c(0);
      return [mk(x.dims, int ? x.data.map(Math.trunc) : x.data, int)];
    }
    case 'Add': case 'Sub': case 'Mul': case 'Div': {
      const a = c(0), b = c(1);
      const int = a.int && b.int;
      const f = { Add: (p: number, q: number) => p + q, Sub: (p: number, q: number) => p - q, Mul: (p: number, q: number) => p * q,
        Div: (p: number, q: number) => (int ? Math.trunc(p / q) : p / q) }[op];
      return [broadcast(ctx, a, b, f, int)];
    }
    case 'Gather': {
      const x = c(0), idx = c(1);
      if (x.dims.length !== 1) return ctx.fail(`gathering from a constant of rank ${x.dims.length} is not supported (shape vectors only)`);
      normAxis(ctx.int('axis', 0), 1, ctx);
      const picked = idx.data.map((i) => {
        const j = i < 0 ? i + x.dims[0] : i;
        if (j < 0 || j >= x.dims[0]) ctx.fail(`index ${i} is out of range for ${x.dims[0]} values`);
        return x.data[j];
      });
      return [mk(idx.dims, picked, x.int)];
    }
    case 'Slice': {
      const x = c(0);
      if (x.dims.length !== 1) return ctx.fail(`slicing a constant of rank ${x.dims.length} is not supported (shape vectors only)`);
      const [start, end, step] = sliceRange(ctx, x.dims[0]);
      const out: number[] = [];
      for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(x.data[i]);
      return [mk([out.length], out, x.int)];
    }
    case 'Unsqueeze': case 'Squeeze': {
      const x = c(0);
      const axes = ctx.opset >= 13 ? (ins[1] ? c(1).data : undefined) : ctx.ints('axes', undefined);
      let dims: number[];
      if (op === 'Unsqueeze') {
        const rank = x.dims.length + (axes?.length ?? 0);
        const set = new Set((axes ?? []).map((a) => normAxis(a, rank, ctx)));
        dims = [];
        for (let i = 0, j = 0; i < rank; i++) dims.push(set.has(i) ? 1 : x.dims[j++]);
      } else {
        const set = new Set((axes ?? x.dims.map((d, i) => (d === 1 ? i : -1)).filter((i) => i >= 0)).map((a) => normAxis(a, x.dims.length, ctx)));
        dims = x.dims.filter((_, i) => !set.has(i));
      }
      return [mk(dims, x.data, x.int)];
    }
    case 'Concat': {
      const parts = ctx.node.inputs.map((_, k) => c(k));
      if (parts.some((p) => p.dims.length !== 1)) return ctx.fail('concatenating constants of rank other than 1 is not supported');
      const data = parts.flatMap((p) => p.data);
      return [mk([data.length], data, parts.every((p) => p.int))];
    }
    case 'Reshape': {
      const x = c(0), shape = c(1).data;
      const dims = shape.map((d, i) => (d === 0 ? x.dims[i] : d));
      const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
      return [mk(dims.map((d) => (d === -1 ? x.data.length / known : d)), x.data, x.int)];
    }
    case 'ConstantOfShape': {
      const dims = c(0).data;
      const t = ctx.attr('value')?.t;
      const fill = t ? constData({ kind: 'const', dims: [1], int: false, source: t }, 'value', ctx.where)[0] : 0;
      return [mk(dims, new Array(dims.reduce((a, b) => a * b, 1)).fill(fill), isIntegerType(t?.dataType))];
    }
  }
  return undefined;
}

/** ONNX shape of a runtime tensor, including the 5-D channel-group views of a shuffle. */
export function viewShape(ctx: NodeCtx, id: string, view: { groups: number; transposed: boolean } | undefined): number[] {
  const s = ctx.onnxShape(id);
  if (!view) return s;
  const [n, ch, h, w] = s;
  const g = view.groups, k = ch / g;
  return view.transposed ? [n, k, g, h, w] : [n, g, k, h, w];
}

/** [start, end, step] of a Slice on an axis of length len (inputs: data, starts, ends, axes, steps). */
export function sliceRange(ctx: NodeCtx, len: number): [number, number, number] {
  const one = (k: number, what: string) => {
    const d = ctx.constant(k, what).data;
    if (d.length !== 1) ctx.fail(`${what} must have one value (one sliced axis), got [${d}]`);
    return d[0];
  };
  let start = one(1, 'starts'), end = one(2, 'ends');
  const step = ctx.input(4) ? one(4, 'steps') : 1;
  if (step === 0) ctx.fail('a step of 0 is not valid');
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (step > 0) return [clamp(start, 0, len), clamp(end, 0, len), step];
  return [clamp(start, -1, len - 1), clamp(end, -1, len - 1), step];
}

function broadcast(ctx: NodeCtx, a: { dims: number[]; data: number[] }, b: { dims: number[]; data: number[] },
  f: (p: number, q: number) => number, int: boolean): Const {
  if (a.data.length === b.data.length && (a.dims.length === b.dims.length || a.data.length <= 1)) {
    return mk(a.dims.length >= b.dims.length ? a.dims : b.dims, a.data.map((v, i) => f(v, b.data[i])), int);
  }
  if (b.data.length === 1) return mk(a.dims, a.data.map((v) => f(v, b.data[0])), int);
  if (a.data.length === 1) return mk(b.dims, b.data.map((v) => f(a.data[0], v)), int);
  return ctx.fail(`broadcasting constants of dims [${a.dims}] and [${b.dims}] is not supported`);
}

function constantAttr(ctx: NodeCtx): Const {
  const t = ctx.attr('value')?.t;
  if (t) return { kind: 'const', dims: t.dims ?? [], int: isIntegerType(t.dataType), source: t };
  const f = ctx.attr('value_float'), fs = ctx.attr('value_floats'), i = ctx.attr('value_int'), is = ctx.attr('value_ints');
  if (f) return mk([], [f.f ?? 0], false);
  if (fs) return mk([fs.floats?.length ?? 0], fs.floats ?? [], false);
  if (i) return mk([], [i.i ?? 0], true);
  if (is) return mk([is.ints?.length ?? 0], is.ints ?? [], true);
  return ctx.fail('no value attribute (value, value_float(s), value_int(s)); sparse and string constants are not supported');
}
