// What an operator converter sees: its node, typed access to inputs and attributes, and the graph builder.
// ONNX tensors are NCHW with a batch axis; the IR is per-sample NHWC. A runtime tensor is an IR node whose
// ONNX shape is [N, C, H, W] for an [H, W, C] map and [N, C] for a [C] vector; the batch is `batch` (NaN when
// the model leaves it symbolic). Constants (initializers, folded shape arithmetic) keep their values.
import type { GraphBuilder } from '../../graph/builder.js';
import type { NodeSpec, Pad4 } from '../../graph/ir.js';
import { elementCount, OnnxError, tensorValues, type OnnxNode } from './model.js';
import type { RawAttribute, RawTensor } from './proto.js';

export interface Const {
  kind: 'const';
  dims: number[];
  /** Integer-typed (ONNX Div truncates). */
  int: boolean;
  /** Values; absent until decoded (initializers), or undefined for external data. */
  data?: number[];
  source?: RawTensor;
}

/** ShuffleNet's channel shuffle seen halfway: [N, g, C/g, H, W], then transposed to [N, C/g, g, H, W]. */
export interface GroupedView { groups: number; transposed: boolean }

export interface Tensor {
  kind: 'tensor';
  id: string;
  /** A zero padding still to fold into the next convolution or pooling (exporters' explicit Pad). */
  pad?: { pad: Pad4; node: string };
  view?: GroupedView;
}

export type Value = Const | Tensor;

/** Largest constant whose values a converter may ask for (shapes, scalars, pads); weights are never decoded. */
const MAX_DECODED = 1 << 16;

export class NodeCtx {
  constructor(
    readonly g: GraphBuilder,
    readonly where: string,
    readonly opset: number,
    readonly node: OnnxNode,
    readonly batch: number,
    readonly isOutput: boolean,
    private readonly values: Map<string, Value>,
  ) {}

  fail(msg: string): never {
    throw new OnnxError(`${this.where}: node "${this.node.name}" (${this.node.opType}, opset ${this.opset}): ${msg}`);
  }

  /** Input k, or undefined when absent (ONNX leaves optional inputs out or names them ''). */
  input(k: number): Value | undefined {
    const name = this.node.inputs[k];
    if (name === undefined || name === '') return undefined;
    const v = this.values.get(name);
    if (!v) this.fail(`input "${name}" is not produced by any earlier node, initializer or the graph input`);
    return v;
  }

  /** Input k as a plain runtime tensor (IR node id). */
  tensor(k: number): string {
    const v = this.input(k) ?? this.fail(`input ${k + 1} is missing`);
    if (v.kind === 'const') this.fail(`input "${this.node.inputs[k]}" is a constant; a computed tensor is expected here`);
    if (v.pad) this.fail(`reads the explicit Pad "${v.pad.node}", which zsnas folds only into a following Conv or AveragePool`);
    if (v.view) this.fail(`reads a 5-D channel-group view; only the transpose and reshape of a channel shuffle may follow it`);
    return v.id;
  }

  /** Input k as a runtime tensor that may carry a pending Pad (convolutions and pools fold it). */
  padded(k: number): Tensor {
    const v = this.input(k) ?? this.fail(`input ${k + 1} is missing`);
    if (v.kind === 'const' || v.view) this.tensor(k);
    return v as Tensor;
  }

  /** Input k as a constant (its dims and decoded values). */
  constant(k: number, what: string): { dims: number[]; data: number[]; int: boolean } {
    const v = this.input(k) ?? this.fail(`input ${k + 1} (${what}) is missing`);
    if (v.kind !== 'const') this.fail(`input "${this.node.inputs[k]}" (${what}) is computed at run time; zsnas needs a constant here`);
    return { dims: v.dims, data: constData(v, this.node.inputs[k], this.where, (m) => this.fail(m)), int: v.int };
  }

  /** A constant input's dims only (weights: their values are never read). */
  constDims(k: number, what: string): number[] {
    const v = this.input(k) ?? this.fail(`input ${k + 1} (${what}) is missing`);
    if (v.kind !== 'const') this.fail(`${what} "${this.node.inputs[k]}" is computed at run time; zsnas needs it to be an initializer`);
    return v.dims;
  }

  attr(name: string): RawAttribute | undefined {
    return this.node.attrs.get(name);
  }

  // A present attribute with its value field absent holds 0: the encoder leaves default values off the wire.
  int(name: string, dflt: number): number {
    const a = this.attr(name);
    return a ? (a.i ?? 0) : dflt;
  }

  ints(name: string, dflt: number[] | undefined): number[] | undefined {
    const a = this.attr(name);
    return a ? (a.ints ?? []) : dflt;
  }

  float(name: string, dflt: number): number {
    const a = this.attr(name);
    return a ? (a.f ?? 0) : dflt;
  }

  str(name: string, dflt: string): string {
    const s = this.attr(name)?.s;
    return s ? new TextDecoder().decode(s) : dflt;
  }

  /** The ONNX (NCHW, batch first) shape of a runtime IR node. */
  onnxShape(id: string): number[] {
    const s = this.g.shapeOf(id);
    if (s.length === 3) return [this.batch, s[2], s[0], s[1]];
    return [this.batch, ...s];
  }

  /** Adds an IR node named after this node's first output (plus a suffix for helper nodes). */
  add(spec: NodeSpec, inputs: string[], suffix = ''): string {
    return this.g.add(this.node.outputs[0] + suffix, spec, inputs);
  }
}

export function constData(v: Const, name: string, where: string, fail?: (m: string) => never): number[] {
  if (v.data) return v.data;
  const die = fail ?? ((m: string): never => { throw new OnnxError(`${where}: ${m}`); });
  if (!v.source) return die(`constant "${name}" has no values`);
  if (elementCount(v.dims) > MAX_DECODED) die(`constant "${name}" of dims [${v.dims}] is too large to be read as a shape or scalar`);
  const data = tensorValues(v.source, where);
  if (!data) return die(`constant "${name}" sits in an external data file; zsnas reads only the dims of external tensors`);
  v.data = data;
  return data;
}

/** Converts an axis given on the ONNX tensor (negative counts from the end) to a non-negative one. */
export function normAxis(axis: number, rank: number, ctx: NodeCtx): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) ctx.fail(`axis ${axis} is out of range for a rank-${rank} tensor`);
  return a;
}
