// Small ONNX graphs written in tests (encoded with the same schema the reader decodes) and the committed models.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeModel, type RawAttribute, type RawNode, type RawTensor } from '../../src/spaces/onnx/proto.js';

export const MODELS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'configs', 'examples', 'onnx');

export interface Fact { params: number; input: number[]; opset: number; classes: number; mode: 'training' | 'eval'; dynamic_batch: boolean; path?: string }

/** PyTorch's own facts about the committed models (written by scripts/make-onnx-models.py). */
export function pytorchFacts(): Record<string, Fact> {
  return JSON.parse(readFileSync(join(MODELS_DIR, 'pytorch-facts.json'), 'utf8'));
}

export const modelPath = (name: string) => join(MODELS_DIR, `${name}.onnx`);

/** A model listed in the facts: committed examples, or a test fixture that names its path. */
export const factPath = (name: string, fact: Fact) => (fact.path ? join(MODELS_DIR, '..', '..', '..', fact.path) : modelPath(name));

export function attr(name: string, v: number | number[] | string | RawTensor): RawAttribute {
  if (typeof v === 'string') return { name, s: new TextEncoder().encode(v), type: 3 };
  if (Array.isArray(v)) return { name, ints: v, type: 7 };
  if (typeof v === 'number') return Number.isInteger(v) ? { name, i: v, type: 2 } : { name, f: v, type: 1 };
  return { name, t: v, type: 4 };
}

export function node(opType: string, inputs: string[], outputs: string[], attrs: RawAttribute[] = [], name?: string): RawNode {
  return { opType, input: inputs, output: outputs, attribute: attrs, name: name ?? outputs[0] };
}

/** A float initializer of the given dims (values zero: only dims matter to zsnas). */
export function weight(name: string, dims: number[]): RawTensor {
  return { name, dims, dataType: 1, rawData: new Uint8Array(4 * dims.reduce((a, b) => a * b, 1)) };
}

export function ints(name: string, values: number[], dims = [values.length]): RawTensor {
  return { name, dims, dataType: 7, int64Data: values };
}

export function floats(name: string, values: number[], dims = [values.length]): RawTensor {
  return { name, dims, dataType: 1, floatData: values };
}

export interface GraphSpec {
  nodes: RawNode[];
  initializers?: RawTensor[];
  input?: Array<number | string>;
  output: string;
  opset?: number;
}

export function onnxBytes(g: GraphSpec): Uint8Array {
  const dim = (d: number | string) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d });
  const valueInfo = (name: string, dims: Array<number | string>) =>
    ({ name, type: { tensorType: { elemType: 1, shape: { dim: dims.map(dim) } } } });
  return encodeModel({
    irVersion: 8,
    producerName: 'zsnas-test',
    opsetImport: [{ domain: '', version: g.opset ?? 13 }],
    graph: {
      name: 'g',
      node: g.nodes,
      initializer: g.initializers ?? [],
      input: [valueInfo('x', g.input ?? ['N', 3, 8, 8])],
      output: [valueInfo(g.output, ['N', 0])],
    },
  });
}
