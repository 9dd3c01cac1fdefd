// Builds a Graph node by node, inferring shapes and parameters as it goes, so every space (NB201, Keras JSON,
// macro YAML) gets the same validation: a bad shape fails at the node that causes it, naming it.
import { type Graph, type GraphNode, type NodeSpec, type ParamSpec, type Shape, paramsOf, windowOut, dilatedKernel } from './ir.js';

export class GraphError extends Error {}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly params: ParamSpec[] = [];
  private readonly shapes = new Map<string, Shape>();

  constructor(
    private readonly name: string,
    private readonly inputShape: [number, number, number],
    private readonly numClasses: number,
  ) {
    this.nodes.push({ id: 'input', op: 'input', inputs: [], shape: [...inputShape] });
    this.shapes.set('input', [...inputShape]);
  }

  shapeOf(id: string): Shape {
    const s = this.shapes.get(id);
    if (!s) throw new GraphError(`${this.name}: unknown node "${id}"`);
    return s;
  }

  has(id: string): boolean {
    return this.shapes.has(id);
  }

  /** Adds a node and returns its id. */
  add(id: string, spec: NodeSpec, inputs: string[]): string {
    if (this.shapes.has(id)) throw new GraphError(`${this.name}: duplicate node id "${id}"`);
    const inShapes = inputs.map((i) => this.shapeOf(i));
    const shape = inferShape(this.name, id, spec, inShapes);
    const node = { ...spec, id, inputs: [...inputs], shape } as GraphNode;
    this.nodes.push(node);
    this.shapes.set(id, shape);
    this.params.push(...paramsOf(node, inShapes[0] ?? []));
    return id;
  }

  build(output: string, preGap: string): Graph {
    const out = this.shapeOf(output);
    if (out.length !== 1) throw new GraphError(`${this.name}: output "${output}" must be a vector, got shape [${out}]`);
    this.shapeOf(preGap);
    return {
      name: this.name,
      inputShape: this.inputShape,
      numClasses: this.numClasses,
      nodes: this.nodes,
      output,
      preGap,
      params: this.params,
    };
  }
}

function inferShape(graph: string, id: string, spec: NodeSpec, ins: Shape[]): Shape {
  const fail = (msg: string): never => {
    throw new GraphError(`${graph}: node "${id}" (${spec.op}): ${msg}`);
  };
  const needMap = () => {
    if (ins.length !== 1) fail(`expects 1 input, got ${ins.length}`);
    if (ins[0].length !== 3) fail(`expects an [H, W, C] feature map, got [${ins[0]}]`);
    return ins[0];
  };
  switch (spec.op) {
    case 'input':
      return fail('only the builder creates the input node');
    case 'conv2d':
    case 'depthwise_conv2d': {
      const [h, w, c] = needMap();
      const kh = dilatedKernel(spec.kernel[0], spec.dilation), kw = dilatedKernel(spec.kernel[1], spec.dilation);
      const [t, b, l, r] = spec.pad;
      const ho = windowOut(h, kh, spec.stride, t, b);
      const wo = windowOut(w, kw, spec.stride, l, r);
      if (ho < 1 || wo < 1) fail(`kernel ${kh}x${kw} does not fit input ${h}x${w}`);
      if (spec.op === 'conv2d' && spec.groups !== undefined && spec.groups !== 1) {
        if (!Number.isInteger(spec.groups) || spec.groups < 1 || c % spec.groups || spec.filters % spec.groups) {
          fail(`groups ${spec.groups} must divide both input channels ${c} and filters ${spec.filters}`);
        }
      }
      return [ho, wo, spec.op === 'conv2d' ? spec.filters : c * spec.multiplier];
    }
    case 'avg_pool':
    case 'max_pool': {
      const [h, w, c] = needMap();
      const [t, b, l, r] = spec.pad;
      const ho = windowOut(h, spec.size, spec.stride, t, b);
      const wo = windowOut(w, spec.size, spec.stride, l, r);
      if (ho < 1 || wo < 1) fail(`pool ${spec.size} does not fit input ${h}x${w}`);
      return [ho, wo, c];
    }
    case 'global_avg_pool':
      return spec.keepDims ? [1, 1, needMap()[2]] : [needMap()[2]];
    case 'flatten':
      if (ins.length !== 1) fail(`expects 1 input, got ${ins.length}`);
      return [ins[0].reduce((a, b) => a * b, 1)];
    case 'dense':
      if (ins.length !== 1 || ins[0].length !== 1) fail(`expects one vector input, got [${ins.map((s) => `[${s}]`)}]`);
      return [spec.units];
    case 'add': {
      if (ins.length < 1) fail('expects at least 1 input');
      const s = ins[0].join('x');
      for (const other of ins) if (other.join('x') !== s) fail(`input shapes differ: ${ins.map((x) => `[${x}]`).join(' vs ')}`);
      return [...ins[0]];
    }
    case 'concat': {
      if (ins.length < 1) fail('expects at least 1 input');
      const lead = ins[0].slice(0, -1).join('x');
      for (const other of ins) if (other.slice(0, -1).join('x') !== lead) fail(`leading dims differ: ${ins.map((x) => `[${x}]`).join(' vs ')}`);
      return [...ins[0].slice(0, -1), ins.reduce((a, s) => a + s[s.length - 1], 0)];
    }
    case 'mul': {
      if (ins.length !== 2) fail(`expects 2 inputs, got ${ins.length}`);
      const [a, b] = ins;
      // b broadcasts to a along axes where it has size 1 (NumPy rules with equal ranks).
      const ok = a.length === b.length && b.every((d, k) => d === a[k] || d === 1);
      if (!ok) fail(`input [${b}] does not broadcast to [${a}]`);
      return [...a];
    }
    case 'to_map':
      if (ins.length !== 1 || ins[0].length !== 1) fail(`expects one vector input, got [${ins.map((x) => `[${x}]`)}]`);
      return [1, 1, ins[0][0]];
    case 'channel_shuffle': {
      const s = needMap();
      if (!Number.isInteger(spec.groups) || spec.groups < 1 || s[2] % spec.groups) fail(`groups ${spec.groups} does not divide ${s[2]} channels`);
      return [...s];
    }
    case 'slice_channels': {
      if (ins.length !== 1) fail(`expects 1 input, got ${ins.length}`);
      const c = ins[0][ins[0].length - 1];
      if (!(Number.isInteger(spec.start) && Number.isInteger(spec.end) && spec.start >= 0 && spec.end <= c && spec.start < spec.end)) {
        fail(`channels [${spec.start}, ${spec.end}) are not inside [0, ${c})`);
      }
      return [...ins[0].slice(0, -1), spec.end - spec.start];
    }
    case 'batchnorm':
    case 'relu':
    case 'relu6':
    case 'leaky_relu':
    case 'sigmoid':
    case 'hard_sigmoid':
    case 'hard_swish':
    case 'silu':
    case 'scale_shift':
    case 'zero':
    case 'identity':
      if (ins.length !== 1) fail(`expects 1 input, got ${ins.length}`);
      return [...ins[0]];
  }
}
