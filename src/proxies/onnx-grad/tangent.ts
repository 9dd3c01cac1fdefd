// Forward-mode differentiation (tangents) of an emitted ONNX node list: for a gradient model (forward, loss seed,
// backward, build.ts) and a direction V on some of its inputs, it appends the nodes computing d/dε of chosen values at
// inputs + εV. Applied to the weight gradients with V on the weights this is Pearlmutter's R-operator, the exact
// Hessian-vector product H·V (forward-over-reverse), the same numbers as double backprop (PyTorch's create_graph).
// The rules are per ONNX op, not per IR op, so every IR op whose forward and backward are written in these ops is
// covered at once, and so is whatever a later change to forward.ts/backward.ts writes, as long as the ops are here:
//   bilinear   Conv, ConvTranspose, Gemm, MatMul, Mul: op(a', b) + op(a, b') (the bias is not perturbed)
//   linear     Transpose, Reshape, Flatten, Expand, Slice, Split, Concat, AveragePool, GlobalAveragePool,
//              ReduceMean, ReduceSum, Sum, Add, Sub, Neg, Identity: the same op on the tangents
//   pointwise  Reciprocal y' = −x'·y², Sqrt y' = x' / 2y, Softmax y' = y ⊙ (x' − Σ y ⊙ x')
//   kinks      Relu, Clip (ReLU6), LeakyRelu, Where: the unperturbed pattern selects the tangent, as autodiff's
//              ReLU'' = 0 (the backward's Where(x > 0, dy, 0) has the tangent Where(x > 0, dy', 0))
//   booleans   Greater, LessOrEqual, And, ...: no tangent
// A value with no tangent (images, labels, constants, BN γ/β, biases) is a structural zero: no node is emitted for it,
// and only the ancestors of the requested values are differentiated (the loss itself is not). An op outside these
// rules throws before anything runs, so the caller can fall back with the reason.
import type { RawAttribute, RawNode } from '../../spaces/onnx/proto.js';
import { attrInt, type ModelWriter } from '../../latency/onnx-export.js';

/** ONNX ops whose output carries no tangent (booleans, shapes). */
const NO_TANGENT = new Set(['Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Equal', 'And', 'Or', 'Not', 'Shape']);
/** Linear in their first input; the other inputs (shapes, axes, starts) are constants. */
const LINEAR_FIRST = new Set(['Identity', 'Transpose', 'Reshape', 'Flatten', 'Expand', 'Slice', 'AveragePool',
  'GlobalAveragePool', 'ReduceMean', 'ReduceSum', 'Neg', 'Split']);
const BILINEAR = new Set(['Conv', 'ConvTranspose', 'Gemm', 'MatMul', 'Mul']);
/** ONNX ops with a tangent rule here. */
export const TANGENT_OPS: ReadonlySet<string> = new Set([...NO_TANGENT, ...LINEAR_FIRST, ...BILINEAR, 'Sum', 'Add', 'Sub', 'Concat',
  'Reciprocal', 'Sqrt', 'Softmax', 'Relu', 'Clip', 'LeakyRelu', 'Where']);

/** Thrown where an op of the model has no tangent rule: the caller declines the model (tfjs fallback). */
export class NoTangentRule extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoTangentRule';
  }
}

/** Model value holding the tangent of `value`. */
export const tangentOf = (value: string) => `t/${value}`;

const attr = (n: RawNode, name: string) => n.attribute?.find((a) => a.name === name);

/**
 * Appends to `m` the tangents of `targets` (values already emitted in m.nodes) along `seeds` (value -> the model value
 * holding its tangent; every other graph input and initializer is held fixed). Returns the tangent of each target
 * that depends on the seeds; a target missing from the map has a zero tangent. Throws on an op without a rule.
 */
export function emitTangents(m: ModelWriter, seeds: ReadonlyMap<string, string>, targets: readonly string[]): Map<string, string> {
  const primal = m.nodes.slice();
  // Only ancestors of the targets need tangents.
  const needed = new Set(targets);
  for (let k = primal.length - 1; k >= 0; k--) {
    if (primal[k].output!.some((o) => needed.has(o))) for (const i of primal[k].input ?? []) if (i) needed.add(i);
  }
  const tan = new Map(seeds);
  for (const node of primal) {
    const outs = node.output!;
    if (!outs.some((o) => needed.has(o))) continue;
    const ins = node.input ?? [];
    const t = ins.map((i) => (i ? tan.get(i) : undefined));
    if (t.every((x) => x === undefined) || NO_TANGENT.has(node.opType!)) continue;
    const made = tangentNode(m, node, ins, t);
    outs.forEach((o, j) => { if (made[j]) tan.set(o, made[j]!); });
  }
  return new Map(targets.filter((v) => tan.has(v)).map((v) => [v, tan.get(v)!]));
}

/** The tangents of one node's outputs, given its inputs' tangents (undefined = zero, not all undefined). */
function tangentNode(m: ModelWriter, node: RawNode, ins: string[], t: Array<string | undefined>): Array<string | undefined> {
  const op = node.opType!;
  const out = node.output![0];
  const to = tangentOf(out);
  const attrs = node.attribute ?? [];
  const zero = m.scalar(0);
  if (LINEAR_FIRST.has(op)) {
    if (t.slice(1).some((x) => x !== undefined)) throw new NoTangentRule(`no tangent rule for ${op} (${node.name}) along its input 2+`);
    if (op === 'Split') {
      const outs = node.output!.map(tangentOf);
      m.nodes.push({ opType: 'Split', input: [t[0]!, ...ins.slice(1)], output: outs, name: `${to}#split`, attribute: attrs });
      return outs;
    }
    return [m.node(op, [t[0]!, ...ins.slice(1)], to, attrs)];
  }
  if (BILINEAR.has(op)) {
    // op(a', b) + op(a, b'); Conv/Gemm's third input (bias / C) is additive and not perturbed here.
    if (t.length > 2 && t.slice(2).some((x) => x !== undefined)) throw new NoTangentRule(`no tangent rule for the bias of ${op} (${node.name})`);
    const kept: RawAttribute[] = attrs.filter((a) => a.name !== 'beta');
    const terms: string[] = [];
    if (t[0]) terms.push(m.node(op, [t[0], ins[1]], `${to}/a`, kept));
    if (t[1]) terms.push(m.node(op, [ins[0], t[1]], `${to}/b`, kept));
    return [terms.length === 1 ? terms[0] : m.node('Add', terms, to)];
  }
  switch (op) {
    case 'Sum': case 'Add': {
      // A lone tangent of the smaller operand of a broadcast would have the wrong shape: not written by build.ts.
      const terms = t.filter((x): x is string => x !== undefined);
      return [terms.length === 1 ? terms[0] : m.node(op === 'Add' ? 'Add' : 'Sum', terms, to)];
    }
    case 'Sub':
      if (t[0] && t[1]) return [m.node('Sub', [t[0], t[1]], to)];
      return [t[0] ?? m.node('Neg', [t[1]!], to)];
    case 'Concat':
      return [m.node('Concat', ins.map((i, j) => t[j] ?? m.node('Mul', [i, zero], `${to}/zero${j}`)), to, attrs)];
    case 'Reciprocal': // y = 1/x: y' = −x' y²
      return [m.node('Neg', [m.node('Mul', [t[0]!, m.node('Mul', [out, out], `${to}/y2`)], `${to}/neg`)], to)];
    case 'Sqrt': // y' = x' / (2y)
      return [m.node('Div', [t[0]!, m.node('Mul', [out, m.scalar(2)], `${to}/2y`)], to)];
    case 'Softmax': { // y' = y ⊙ (x' − Σ_axis y ⊙ x')
      const axis = attr(node, 'axis')?.i ?? -1;
      const dot = m.node('ReduceSum', [m.node('Mul', [out, t[0]!], `${to}/yt`), m.ints([Number(axis)])], `${to}/dot`, [attrInt('keepdims', 1)]);
      return [m.node('Mul', [out, m.node('Sub', [t[0]!, dot], `${to}/centred`)], to)];
    }
    case 'Relu':
      return [m.node('Where', [m.node('Greater', [ins[0], zero], `${to}/mask`), t[0]!, zero], to)];
    case 'LeakyRelu': {
      const alpha = attr(node, 'alpha')?.f ?? 0.01;
      return [m.node('Where', [m.node('Greater', [ins[0], zero], `${to}/mask`), t[0]!, m.node('Mul', [t[0]!, m.scalar(alpha)], `${to}/leak`)], to)];
    }
    case 'Clip': {
      // Slope 1 on (lo, hi], as the backward's ReLU6 rule; the bounds are constants.
      if (t.slice(1).some((x) => x !== undefined)) throw new NoTangentRule(`no tangent rule for Clip's bounds (${node.name})`);
      const conds: string[] = [];
      if (ins[1]) conds.push(m.node('Greater', [ins[0], ins[1]], `${to}/lo`));
      if (ins[2]) conds.push(m.node('LessOrEqual', [ins[0], ins[2]], `${to}/hi`));
      if (!conds.length) return [t[0]];
      const mask = conds.length === 1 ? conds[0] : m.node('And', conds, `${to}/mask`);
      return [m.node('Where', [mask, t[0]!, zero], to)];
    }
    case 'Where':
      return [m.node('Where', [ins[0], t[1] ?? zero, t[2] ?? zero], to)];
    default:
      throw new NoTangentRule(`no tangent (Hessian-vector) rule for the ONNX op ${op} (${node.name})`);
  }
}

