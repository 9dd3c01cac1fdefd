// One Keras layer -> IR nodes. Each layer either adds nodes (ids derived from the layer name) or aliases its input
// (Dropout; a softmax on the output, dropped so the graph yields logits). ZeroPadding2D is carried as a pending
// pad and folded into the convolution that reads it.
import type { GraphBuilder } from '../../graph/builder.js';
import type { NodeSpec, Pad4 } from '../../graph/ir.js';
import { addPads, samePad } from './padding.js';
import { KerasError, type KerasLayer } from './topology.js';
import { clip } from '../../io/input-error.js';

/** What a layer's output is in the IR: a node, maybe with a zero padding still to apply. */
export interface Ref {
  id: string;
  pad?: { pad: Pad4; layer: string };
}

export interface LayerContext {
  g: GraphBuilder;
  where: string;
  /** True for the model's output layer (a softmax there is dropped). */
  isOutput: boolean;
}

/** Layer classes that carry code (Python lambdas, TF op wrappers): refused, never evaluated. */
export const CODE_LAYERS = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

export const SUPPORTED_LAYERS = [
  'InputLayer', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Dense', 'BatchNormalization', 'Activation', 'ReLU',
  'Softmax', 'Add', 'Concatenate', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'Flatten', 'Dropout',
  'SpatialDropout2D', 'ZeroPadding2D',
] as const;

const ZERO: Pad4 = [0, 0, 0, 0];
/** Largest kernel, stride, pool, padding or multiplier accepted: far beyond any image model, short of overflow. */
export const MAX_WINDOW = 1024;
/** Largest filters / units count accepted. */
export const MAX_UNITS = 65536;

export function convertLayer(layer: KerasLayer, inputs: Ref[], ctx: LayerContext): Ref {
  const { g } = ctx;
  const c = layer.config;
  const fail = (msg: string): never => {
    throw new KerasError(`${ctx.where}: layer "${clip(layer.name)}" (${clip(layer.className, 40)}): ${msg}`);
  };
  if (CODE_LAYERS.has(layer.className)) {
    fail('layers that run code are refused (zsnas never executes code from a model file); rewrite it with built-in layers');
  }
  if (c.data_format === 'channels_first') fail('data_format channels_first is not supported (NHWC / channels_last only)');
  const one = (): string => {
    if (inputs.length !== 1) fail(`expects 1 input, got ${inputs.length}`);
    const r = inputs[0];
    if (r.pad && !['Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'ZeroPadding2D'].includes(layer.className)) {
      fail(`reads ZeroPadding2D "${clip(r.pad.layer)}", which is folded into a following Conv2D, DepthwiseConv2D or SeparableConv2D only`);
    }
    return r.id;
  };
  const pending = (): Pad4 => (inputs[0]?.pad?.pad ?? ZERO);
  const shown = (v: unknown) => clip(JSON.stringify(v) ?? 'nothing');
  /** Window sizes, strides, units, filters: positive integers with a sane upper bound (no 1e308-wide layers). */
  const count = (key: string, v: unknown, max: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) fail(`${key}: got ${shown(v)}, expected an integer from 1 to ${max}`);
    return v as number;
  };
  const pair = (key: string, dflt?: number): [number, number] => {
    // Absent takes the default; an explicit null is no size (Keras itself rejects strides=None).
    const v = c[key] === undefined ? dflt : c[key];
    if (typeof v === 'number') { count(key, v, MAX_WINDOW); return [v, v]; }
    if (Array.isArray(v) && v.length === 2) return [count(key, v[0], MAX_WINDOW), count(key, v[1], MAX_WINDOW)];
    return fail(`${key}: got ${shown(v)}, expected a positive integer or a pair of them`);
  };
  const stride = (key: string, dflt?: number): number => {
    const [a, b] = pair(key, dflt);
    if (a !== b) fail(`non-square ${key} [${a}, ${b}] are not supported`);
    return a;
  };
  /** Explicit pads for a window on the (possibly zero-padded) input. */
  const windowPad = (id: string, kernel: [number, number], s: number): Pad4 => {
    const [h, w] = g.shapeOf(id);
    const extra = pending();
    const padding = c.padding ?? 'valid';
    if (padding === 'valid') return extra;
    if (padding === 'same') return addPads(extra, samePad(h + extra[0] + extra[1], w + extra[2] + extra[3], kernel, s));
    return fail(`padding ${shown(padding)} is not supported (valid or same)`);
  };
  const noDilation = () => {
    const [a, b] = pair('dilation_rate', 1);
    if (a !== 1 || b !== 1) fail(`dilation_rate [${a}, ${b}] is not supported (dilated convolutions are not in the IR)`);
  };
  const activate = (id: string, act: unknown): Ref => {
    const a = act ?? 'linear';
    if (a === 'linear') return { id };
    if (a === 'relu' || a === 'relu6') return { id: g.add(`${layer.name}/${a}`, { op: a }, [id]) };
    if (a === 'softmax' && ctx.isOutput) return { id };
    return fail(`activation ${shown(a)} is not supported (linear, relu, relu6; softmax only on the output layer, where it is dropped to give logits)`);
  };
  const node = (suffix: string, spec: NodeSpec, ins: string[]) => g.add(layer.name + suffix, spec, ins);

  switch (layer.className) {
    case 'Conv2D': {
      const x = one();
      noDilation();
      if (typeof c.groups === 'number' && c.groups !== 1) fail(`groups ${shown(c.groups)} is not supported (grouped convolution)`);
      const kernel = pair('kernel_size'), s = stride('strides', 1);
      const filters = count('filters', c.filters, MAX_UNITS);
      const id = node('', { op: 'conv2d', kernel, stride: s, pad: windowPad(x, kernel, s), filters, bias: c.use_bias !== false }, [x]);
      return activate(id, c.activation);
    }
    case 'DepthwiseConv2D':
    case 'SeparableConv2D': {
      const x = one();
      noDilation();
      const kernel = pair('kernel_size'), s = stride('strides', 1);
      const multiplier = count('depth_multiplier', c.depth_multiplier === undefined ? 1 : c.depth_multiplier, MAX_WINDOW);
      const sep = layer.className === 'SeparableConv2D';
      const pad = windowPad(x, kernel, s);
      const dw = node(sep ? '/depthwise' : '', { op: 'depthwise_conv2d', kernel, stride: s, pad, multiplier, bias: !sep && c.use_bias !== false }, [x]);
      if (!sep) return activate(dw, c.activation);
      const pw = node('/pointwise', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: ZERO, filters: count('filters', c.filters, MAX_UNITS), bias: c.use_bias !== false }, [dw]);
      return activate(pw, c.activation);
    }
    case 'Dense': {
      const x = one();
      const shape = g.shapeOf(x);
      if (shape.length !== 1) fail(`input is a feature map [${shape}]; add Flatten or GlobalAveragePooling2D before a Dense layer`);
      return activate(node('', { op: 'dense', units: count('units', c.units, MAX_UNITS), bias: c.use_bias !== false }, [x]), c.activation);
    }
    case 'BatchNormalization': {
      const x = one();
      const rank = g.shapeOf(x).length + 1;
      const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : c.axis ?? -1;
      if (axis !== -1 && axis !== rank - 1) fail(`axis ${shown(c.axis)} is not the channel axis (-1)`);
      const center = c.center !== false, scale = c.scale !== false;
      if (center !== scale) fail(`center=${center} with scale=${scale} is not supported (the IR's BN has both gamma and beta, or neither)`);
      // Keras: running = m * running + (1 - m) * batch; PyTorch: running = (1 - p) * running + p * batch.
      const m = c.momentum ?? 0.99, e = c.epsilon ?? 1e-3;
      if (typeof m !== 'number' || !(m >= 0 && m <= 1)) fail(`momentum: got ${shown(m)}, expected a number from 0 to 1`);
      if (typeof e !== 'number' || !(e > 0 && e < 1)) fail(`epsilon: got ${shown(e)}, expected a number > 0 and < 1`);
      const momentum = 1 - (m as number);
      const eps = e as number;
      return { id: node('', { op: 'batchnorm', affine: center, eps, momentum }, [x]) };
    }
    case 'Activation':
      return activate(one(), c.activation);
    case 'ReLU': {
      const x = one();
      const slope = Number(c.negative_slope ?? 0), threshold = Number(c.threshold ?? 0), max = c.max_value ?? null;
      if (slope !== 0 || threshold !== 0) fail(`negative_slope ${slope} / threshold ${threshold} are not supported (0 only)`);
      if (max === null) return activate(x, 'relu');
      if (Number(max) === 6) return activate(x, 'relu6');
      return fail(`max_value ${shown(max)} is not supported (none or 6)`);
    }
    case 'Softmax':
      if (!ctx.isOutput) fail('a softmax is supported only on the output layer (where it is dropped to give logits)');
      return { id: one() };
    case 'Add':
    case 'Concatenate': {
      if (inputs.length < 2) fail(`expects at least 2 inputs, got ${inputs.length}`);
      for (const r of inputs) if (r.pad) fail(`reads ZeroPadding2D "${clip(r.pad.layer)}" directly, which is not supported`);
      const ids = inputs.map((r) => r.id);
      if (layer.className === 'Add') return { id: node('', { op: 'add' }, ids) };
      const rank = g.shapeOf(ids[0]).length + 1;
      if (c.axis !== undefined && c.axis !== -1 && c.axis !== rank - 1) fail(`axis ${shown(c.axis)} is not the channel axis (-1)`);
      return { id: node('', { op: 'concat' }, ids) };
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const x = one();
      const [p, q] = pair('pool_size', 2);
      if (p !== q) fail(`non-square pool_size [${p}, ${q}] is not supported`);
      const s = c.strides === null || c.strides === undefined ? p : stride('strides');
      // 'same' max pooling ignores the padding (-inf pads); 'same' average pooling divides by the in-bounds count,
      // exactly the IR's count_include_pad=false avg_pool.
      const pad = windowPad(x, [p, p], s);
      const op = layer.className === 'MaxPooling2D' ? 'max_pool' : 'avg_pool';
      return { id: node('', { op, size: p, stride: s, pad }, [x]) };
    }
    case 'GlobalAveragePooling2D':
      if (c.keepdims === true) fail('keepdims=true is not supported (the pooled features must be a vector)');
      return { id: node('', { op: 'global_avg_pool' }, [one()]) };
    case 'Flatten':
      return { id: node('', { op: 'flatten' }, [one()]) };
    case 'Dropout':
    case 'SpatialDropout2D':
      // Scored as the deterministic network (inference semantics): dropout is the identity.
      return { id: one() };
    case 'ZeroPadding2D': {
      const x = one();
      const v = c.padding ?? 1;
      let pad: Pad4;
      if (typeof v === 'number') pad = [v, v, v, v];
      else if (Array.isArray(v) && v.length === 2 && v.every((e) => typeof e === 'number')) pad = [v[0], v[0], v[1], v[1]];
      else if (Array.isArray(v) && v.length === 2 && v.every((e) => Array.isArray(e) && e.length === 2)) pad = [v[0][0], v[0][1], v[1][0], v[1][1]];
      else return fail(`padding: got ${shown(v)}, expected an integer, a pair, or a pair of pairs`);
      if (!pad.every((p) => Number.isInteger(p) && p >= 0 && p <= MAX_WINDOW)) fail(`padding: got ${shown(v)}, expected integers from 0 to ${MAX_WINDOW}`);
      return { id: x, pad: { pad: addPads(pending(), pad), layer: layer.name } };
    }
    default:
      return fail(`unsupported layer class ${shown(layer.className)} (supported: ${SUPPORTED_LAYERS.join(', ')})`);
  }
}
