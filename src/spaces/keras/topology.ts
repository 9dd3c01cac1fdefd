// Reads Keras `model.to_json()` output or a TensorFlow.js converter `model.json` (topology under `modelTopology`,
// weights ignored) into a flat, topologically ordered layer list. Pure data: nothing in the file is executed.
// Sequential and Functional models; Keras 2 / tfjs inbound-node lists and Keras 3 `keras_history` records.
import { clip } from '../../io/input-error.js';

export class KerasError extends Error {
  override name = 'KerasError';
}

/**
 * The model input in `inbound` lists. Not a name a Keras layer can have, so a layer the user named "input" is an
 * ordinary layer (it used to be mistaken for the model input and dropped, with its consumers reading the input).
 */
export const MODEL_INPUT = '\u0000input';

type Json = Record<string, unknown>;

export interface KerasLayer {
  name: string;
  className: string;
  config: Json;
  /** Names of the layers feeding this one (MODEL_INPUT for the model input). */
  inbound: string[];
}

export interface KerasTopology {
  /** Per-sample input shape [H, W, C]; null where the model leaves a dimension open. */
  inputShape: Array<number | null>;
  /** Topologically ordered, InputLayer excluded. */
  layers: KerasLayer[];
  /** Name of the output layer. */
  output: string;
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readTopology(root: unknown, where: string): KerasTopology {
  const fail = (msg: string): never => { throw new KerasError(`${where}: ${msg}`); };
  if (!isObj(root)) return fail('expected a JSON object (Keras model.to_json() or a tfjs model.json)');
  let t: unknown = root.modelTopology ?? root;
  if (isObj(t) && isObj(t.model_config)) t = t.model_config;
  if (!isObj(t) || typeof t.class_name !== 'string') return fail('no model "class_name" found (expected Sequential, Functional or Model)');
  if (t.class_name === 'Sequential') return sequential(t.config, fail);
  if (t.class_name === 'Functional' || t.class_name === 'Model') return functional(t.config, fail);
  return fail(`model class "${clip(t.class_name)}" is not supported (expected Sequential, Functional or Model)`);
}

function layerOf(raw: unknown, i: number, fail: (m: string) => never): Omit<KerasLayer, 'inbound'> {
  if (!isObj(raw) || typeof raw.class_name !== 'string') return fail(`layers[${i}] has no class_name`);
  // Absent is an empty config; anything else that is not a map is a damaged file, not a layer with defaults.
  if (raw.config !== undefined && !isObj(raw.config)) {
    return fail(`layers[${i}] (${clip(raw.class_name, 40)}): config: got ${clip(JSON.stringify(raw.config) ?? 'nothing', 40)}, expected a map of the layer's settings`);
  }
  const config = isObj(raw.config) ? raw.config : {};
  const name = typeof config.name === 'string' ? config.name : typeof raw.name === 'string' ? raw.name : `layer_${i}`;
  return { name, className: raw.class_name, config };
}

/** [null, H, W, C] from batch_input_shape (Keras 2, tfjs) or batch_shape (Keras 3). */
function batchShape(cfg: Json): unknown[] | undefined {
  const s = cfg.batch_input_shape ?? cfg.batch_shape;
  return Array.isArray(s) ? s : undefined;
}

function imageShape(shape: unknown[], fail: (m: string) => never): Array<number | null> {
  if (shape.length !== 4) return fail(`input shape [${clip(shape.map(String).join(','))}] is not an image batch [batch, H, W, C]`);
  const b = shape[0];
  if (b !== null && (typeof b !== 'number' || !Number.isInteger(b) || b < 1)) {
    return fail(`input shape: batch dimension ${clip(JSON.stringify(b) ?? 'nothing', 20)}, expected null or a positive integer`);
  }
  const dims = shape.slice(1).map((d) => (d === null ? null : d));
  if (dims[2] === null) return fail('the input channel count is not set (input shape [batch, H, W, null])');
  for (const d of dims) {
    if (d !== null && (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > 4096)) {
      return fail(`input shape [${shape.map((x) => clip(JSON.stringify(x) ?? 'nothing', 20))}]: dimensions must be null or integers from 1 to 4096`);
    }
  }
  return dims as Array<number | null>;
}

function sequential(config: unknown, fail: (m: string) => never): KerasTopology {
  const raw = Array.isArray(config) ? config : isObj(config) && Array.isArray(config.layers) ? config.layers : fail('Sequential config has no layers');
  const all = raw.map((l, i) => layerOf(l, i, fail));
  let shape: unknown[] | undefined;
  const first = all[0];
  if (first) shape = batchShape(first.config);
  if (!shape && isObj(config)) shape = Array.isArray(config.build_input_shape) ? config.build_input_shape : undefined;
  if (!shape) return fail('no input shape (the first layer needs batch_input_shape / batch_shape, or an InputLayer)');
  const body = all.filter((l) => l.className !== 'InputLayer');
  if (body.length === 0) return fail('the model has no layers');
  let prev = MODEL_INPUT;
  const layers = body.map((l) => {
    const layer = { ...l, inbound: [prev] };
    prev = l.name;
    return layer;
  });
  return { inputShape: imageShape(shape, fail), layers, output: prev };
}

/** Layer names in one call node: Keras 2 / tfjs `[[name, node, tensor, kwargs], ...]`, Keras 3 `{args, kwargs}`. */
function callInputs(node: unknown, fail: (m: string) => never, layer: string): string[] {
  const out: string[] = [];
  // An explicit stack: a hostile file can nest these lists deeper than the call stack goes.
  const stack: unknown[] = [node];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      if (typeof v[0] === 'string' && typeof v[1] === 'number') {
        if (v[1] !== 0) fail(`layer "${clip(layer)}" reads call ${v[1]} of shared layer "${clip(v[0])}"; shared layers are not supported`);
        out.push(v[0]);
      } else for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (isObj(v)) {
      const hist = isObj(v.config) ? v.config.keras_history : undefined;
      if (Array.isArray(hist) && typeof hist[0] === 'string') out.push(hist[0]);
      else stack.push(v.args);
    }
  }
  return out;
}

function triplets(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  if (typeof v[0] === 'string') return [v[0]];
  return v.flatMap((x) => (Array.isArray(x) && typeof x[0] === 'string' ? [x[0]] : []));
}

function functional(config: unknown, fail: (m: string) => never): KerasTopology {
  if (!isObj(config) || !Array.isArray(config.layers)) return fail('Functional config has no layers');
  const ins = triplets(config.input_layers), outs = triplets(config.output_layers);
  if (ins.length !== 1) return fail(`expected exactly one model input, got ${ins.length} (${ins.join(', ')})`);
  if (outs.length !== 1) return fail(`expected exactly one model output, got ${outs.length} (${outs.join(', ')})`);
  const byName = new Map<string, KerasLayer>();
  let shape: unknown[] | undefined;
  (config.layers as unknown[]).forEach((raw, i) => {
    const l = layerOf(raw, i, fail);
    const calls = isObj(raw) && Array.isArray(raw.inbound_nodes) ? raw.inbound_nodes : [];
    if (calls.length > 1) fail(`layer "${clip(l.name)}" (${clip(l.className, 40)}) is called ${calls.length} times; shared layers are not supported`);
    if (l.name === ins[0]) {
      if (l.className !== 'InputLayer') fail(`model input "${clip(l.name)}" is a ${clip(l.className, 40)}, expected an InputLayer`);
      shape = batchShape(l.config);
      return;
    }
    if (byName.has(l.name)) fail(`two layers are named "${clip(l.name)}"`);
    const inbound = calls.length ? callInputs(calls[0], fail, l.name).map((n) => (n === ins[0] ? MODEL_INPUT : n)) : [];
    if (inbound.length === 0) fail(`layer "${clip(l.name)}" (${clip(l.className, 40)}) has no inbound layers`);
    byName.set(l.name, { ...l, inbound });
  });
  if (!shape) return fail(`input layer "${ins[0]}" has no batch_input_shape / batch_shape`);
  if (!byName.has(outs[0])) return fail(`output layer "${clip(outs[0])}" is not among the layers`);
  return { inputShape: imageShape(shape, fail), layers: topoOrder(byName, outs[0], fail), output: outs[0] };
}

/**
 * Layers the output depends on, inputs before consumers (layers that do not reach the output are dropped).
 * Iterative depth-first search: a chain of 20,000 layers must not exhaust the call stack.
 */
function topoOrder(byName: Map<string, KerasLayer>, output: string, fail: (m: string) => never): KerasLayer[] {
  const order: KerasLayer[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: Array<{ layer: KerasLayer; next: number }> = [];
  const enter = (name: string, from: string) => {
    if (name === MODEL_INPUT || state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') fail(`layer "${clip(name)}" is part of a cycle`);
    const l = byName.get(name) ?? fail(`layer "${clip(from)}" reads unknown layer "${clip(name)}"`);
    state.set(name, 'visiting');
    stack.push({ layer: l, next: 0 });
  };
  enter(output, output);
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next < top.layer.inbound.length) {
      enter(top.layer.inbound[top.next++], top.layer.name);
      continue;
    }
    stack.pop();
    state.set(top.layer.name, 'done');
    order.push(top.layer);
  }
  return order;
}
