// Keras / TensorFlow.js Layers topology JSON -> Graph. Only the topology is read (weights are ignored: proxies
// re-initialise with the seeded init), and nothing in the file is ever executed: Lambda and custom layers are refused.
import { GraphBuilder, GraphError } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import { convertLayer, type Ref } from './layers.js';
import { KerasError, MODEL_INPUT, readTopology } from './topology.js';
import { readJsonFile } from '../../io/json.js';
import { clip, InputError } from '../../io/input-error.js';
import { countParams } from '../../graph/count.js';

export { KerasError } from './topology.js';

/** A model beyond this many parameters cannot be scored in the 4 GiB wasm heap (float32 weights and gradients). */
export const MAX_PARAMS = 2e8;

export interface KerasBuildOptions {
  /**
   * The input the model is scored on ([H, W, C], the dataset's). Open (null) model dimensions take these values;
   * set ones must be equal. Without it every model dimension must be set.
   */
  inputShape?: [number, number, number];
  /** Required number of classes (the dataset's); the output layer must produce this many logits. */
  classes?: number;
}

/** Compiles parsed topology JSON. `where` names the source in messages (a file path); `key` names the graph. */
export function buildKeras(json: unknown, key: string, where: string, opts: KerasBuildOptions = {}): Graph {
  const topo = readTopology(json, where);
  const want = opts.inputShape;
  const shape = topo.inputShape.map((d, i) => {
    if (d === null) {
      if (!want) throw new KerasError(`${where}: input dimension ${i + 1} of [${topo.inputShape.map(String)}] is open; give a dataset to fix it`);
      return want[i];
    }
    return d;
  }) as [number, number, number];
  if (want && shape.join('x') !== want.join('x')) {
    throw new KerasError(`${where}: the model takes input [${shape}] but the dataset gives [${want}]; use a dataset of that shape or change the model's input`);
  }
  const g = new GraphBuilder(`keras:${key}`, shape, 0);
  const refs = new Map<string, Ref>([[MODEL_INPUT, { id: 'input' }]]);
  try {
    for (const layer of topo.layers) {
      const inputs = layer.inbound.map((n) => refs.get(n)!);
      // Node ids derive from layer names, and the graph's own input node is "input": a layer of that name gets another.
      const named = layer.name === 'input' ? { ...layer, name: 'input#layer' } : layer;
      refs.set(layer.name, convertLayer(named, inputs, { g, where, isOutput: layer.name === topo.output }));
    }
  } catch (e) {
    if (e instanceof GraphError) throw new KerasError(`${where}: ${e.message}`);
    throw e;
  }
  const out = refs.get(topo.output)!;
  if (out.pad) throw new KerasError(`${where}: the model ends in ZeroPadding2D "${clip(out.pad.layer)}"`);
  const outShape = g.shapeOf(out.id);
  if (outShape.length !== 1) {
    throw new KerasError(`${where}: output layer "${clip(topo.output)}" gives a feature map [${outShape}]; the model must end in a vector of logits`);
  }
  if (opts.classes !== undefined && outShape[0] !== opts.classes) {
    throw new KerasError(`${where}: output layer "${clip(topo.output)}" gives ${outShape[0]} logits but the dataset has ${opts.classes} classes`);
  }
  const draft = g.build(out.id, out.id);
  const params = countParams(draft);
  if (params > MAX_PARAMS) throw new KerasError(`${where}: ${params.toExponential(2)} parameters, more than the ${MAX_PARAMS.toExponential(0)} zsnas scores; check the layer sizes`);
  const graph: Graph = { ...draft, numClasses: outShape[0], preGap: preGapOf(draft, where) };
  return graph;
}

/** The node feeding the last global pooling / flatten on the way to the output (Zen-score's feature map). */
function preGapOf(graph: Graph, where: string): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const ancestors = new Set<string>();
  const stack = [graph.output];
  while (stack.length) {
    const id = stack.pop()!;
    if (ancestors.has(id)) continue;
    ancestors.add(id);
    stack.push(...byId.get(id)!.inputs);
  }
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const n = graph.nodes[k];
    if (ancestors.has(n.id) && (n.op === 'global_avg_pool' || n.op === 'flatten')) return n.inputs[0];
  }
  throw new KerasError(`${where}: no GlobalAveragePooling2D or Flatten before the output`);
}

/** Reads and compiles a Keras JSON / tfjs model.json file. */
export function loadKerasFile(path: string, key: string, opts: KerasBuildOptions = {}): Graph {
  let json: unknown;
  try {
    json = readJsonFile(path, 'a Keras / TensorFlow.js model JSON', { maxBytes: 512 * 1024 * 1024 });
  } catch (e) {
    if (e instanceof InputError) throw new KerasError(e.message);
    throw e;
  }
  return buildKeras(json, key, path, opts);
}
