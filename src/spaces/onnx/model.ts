// An ONNX file as zsnas reads it: the main-domain opset, the graph's nodes with typed attributes, initializers
// (dims always; values decoded only on request, for the small shape / constant tensors the converters read), the
// image input and the single output. Weights in external data files are never opened: only dims are needed.
import { readFileSync } from 'node:fs';
import { decodeModel, type RawAttribute, type RawGraph, type RawTensor } from './proto.js';

export class OnnxError extends Error {
  override name = 'OnnxError';
}

/** Opsets whose operator semantics the converters implement. */
export const MIN_OPSET = 11;
export const MAX_OPSET = 21;

export type AttrValue = number | number[] | string | RawTensor | undefined;

export interface OnnxNode {
  /** The node's name, or `#k <op type>` for unnamed nodes (k = position in the graph). */
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attrs: Map<string, RawAttribute>;
}

export interface OnnxInput {
  name: string;
  /** Declared dims: a number, a symbolic name, or null when absent. */
  dims: Array<number | string | null>;
}

export interface OnnxModel {
  opset: number;
  producer: string;
  nodes: OnnxNode[];
  initializers: Map<string, RawTensor>;
  input: OnnxInput;
  output: string;
}

// TensorProto.DataType codes
export const FLOAT = 1, INT32 = 6, INT64 = 7, DOUBLE = 11, FLOAT16 = 10, BOOL = 9, UINT8 = 2, INT8 = 3;
const INTEGER_TYPES = new Set([2, 3, 4, 5, 6, 7, 9, 12, 13]);

export function isIntegerType(dataType: number | undefined): boolean {
  return INTEGER_TYPES.has(dataType ?? FLOAT);
}

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/** The values of a tensor as numbers, or undefined when they sit in an external file. */
export function tensorValues(t: RawTensor, where: string): number[] | undefined {
  if (t.dataLocation === 1 || (t.externalData?.length ?? 0) > 0) return undefined;
  const n = elementCount(t.dims ?? []);
  const type = t.dataType ?? FLOAT;
  const raw = t.rawData;
  if (raw && raw.length) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const out = new Array<number>(n);
    const read: Record<number, [number, (o: number) => number]> = {
      [FLOAT]: [4, (o) => view.getFloat32(o, true)], [DOUBLE]: [8, (o) => view.getFloat64(o, true)],
      [INT32]: [4, (o) => view.getInt32(o, true)], [INT64]: [8, (o) => Number(view.getBigInt64(o, true))],
      [INT8]: [1, (o) => view.getInt8(o)], [UINT8]: [1, (o) => view.getUint8(o)], [BOOL]: [1, (o) => view.getUint8(o)],
    };
    const r = read[type];
    if (!r) throw new OnnxError(`${where}: tensor "${t.name ?? ''}" has data type ${type}, which zsnas cannot read as a constant`);
    if (raw.length < n * r[0]) throw new OnnxError(`${where}: tensor "${t.name ?? ''}" holds ${raw.length} bytes, ${n * r[0]} expected`);
    for (let k = 0; k < n; k++) out[k] = r[1](k * r[0]);
    return out;
  }
  const data = t.floatData?.length ? t.floatData : t.int64Data?.length ? t.int64Data : t.int32Data?.length ? t.int32Data
    : t.doubleData?.length ? t.doubleData : [];
  if (data.length !== n) throw new OnnxError(`${where}: tensor "${t.name ?? ''}" holds ${data.length} values, ${n} expected for dims [${t.dims ?? []}]`);
  return data.map(Number);
}

function nodeName(name: string | undefined, k: number, op: string): string {
  return name && name.length ? name : `#${k} ${op}`;
}

function readGraph(g: RawGraph, where: string): Omit<OnnxModel, 'opset' | 'producer'> {
  const initializers = new Map<string, RawTensor>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', t);
  // Old exporters also list initializers among the inputs: the image input is the one that is not one.
  const inputs = (g.input ?? []).filter((i) => !initializers.has(i.name ?? ''));
  if (inputs.length !== 1) {
    throw new OnnxError(`${where}: the graph has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ')}); zsnas scores models with one image input`);
  }
  const dims = (inputs[0].type?.tensorType?.shape?.dim ?? []).map((d) =>
    d.dimValue !== undefined && d.dimValue > 0 ? d.dimValue : d.dimParam ? d.dimParam : null);
  const outputs = g.output ?? [];
  if (outputs.length !== 1) {
    throw new OnnxError(`${where}: the graph has ${outputs.length} outputs (${outputs.map((o) => o.name).join(', ')}); zsnas scores models with one output (the logits)`);
  }
  const nodes = (g.node ?? []).map((n, k) => ({
    name: nodeName(n.name, k, n.opType ?? ''),
    opType: n.opType ?? '',
    domain: n.domain ?? '',
    inputs: n.input ?? [],
    outputs: n.output ?? [],
    attrs: new Map((n.attribute ?? []).map((a) => [a.name, a])),
  }));
  return { nodes, initializers, input: { name: inputs[0].name ?? '', dims }, output: outputs[0].name ?? '' };
}

/** Parses ONNX bytes; `where` names the source in messages. */
export function parseOnnx(bytes: Uint8Array, where: string): OnnxModel {
  let raw;
  try {
    raw = decodeModel(bytes);
  } catch (e) {
    throw new OnnxError(`${where}: not a readable ONNX model (${(e as Error).message.split('\n')[0]})`);
  }
  if (!raw.graph) throw new OnnxError(`${where}: not an ONNX model (no graph)`);
  const main = (raw.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const opset = main?.version ?? 0;
  if (opset < MIN_OPSET || opset > MAX_OPSET) {
    throw new OnnxError(`${where}: opset ${opset || '(none)'} is not supported (opsets ${MIN_OPSET} to ${MAX_OPSET}); re-export with opset_version=${Math.min(Math.max(opset, MIN_OPSET), 17)}`);
  }
  const producer = `${raw.producerName ?? ''} ${raw.producerVersion ?? ''}`.trim();
  return { opset, producer, ...readGraph(raw.graph, where) };
}

export function readOnnxFile(path: string): OnnxModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new OnnxError(`${path}: cannot read the file (${(e as Error).message.split('\n')[0]})`);
  }
  return parseOnnx(bytes, path);
}
