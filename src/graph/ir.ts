// The network IR every search space compiles to (NB201 cells, Keras JSON, macro YAML). One executor, one
// #Params/FLOPs counter and one initialiser serve all of them, so a proxy never needs to know the space.
// Tensors are NHWC; shapes here are per sample ([H, W, C] for maps, [C] for vectors).

export type Shape = number[];

/** Padding as PyTorch states it: explicit [top, bottom, left, right] (TF 'same' differs for stride 2). */
export type Pad4 = [number, number, number, number];

export type NodeSpec =
  | { op: 'input' }
  /** groups > 1: grouped convolution (ResNeXt, RegNet, ShuffleNet v1); dilation > 1: atrous. Both default 1. */
  | { op: 'conv2d'; kernel: [number, number]; stride: number; pad: Pad4; filters: number; bias: boolean; groups?: number; dilation?: number }
  | { op: 'depthwise_conv2d'; kernel: [number, number]; stride: number; pad: Pad4; multiplier: number; bias: boolean; dilation?: number }
  | { op: 'dense'; units: number; bias: boolean }
  | { op: 'batchnorm'; affine: boolean; eps: number; momentum: number }
  | { op: 'relu' }
  | { op: 'relu6' }
  | { op: 'leaky_relu'; alpha: number }
  | { op: 'sigmoid' }
  /** max(0, min(1, alpha * x + beta)); PyTorch's Hardsigmoid is alpha 1/6, beta 1/2. */
  | { op: 'hard_sigmoid'; alpha: number; beta: number }
  /** x * relu6(x + 3) / 6 (MobileNetV3). */
  | { op: 'hard_swish' }
  /** x * sigmoid(x) (SiLU / Swish, EfficientNet). */
  | { op: 'silu' }
  /** x * scale + shift with constant scalars (exporters' `x + 3`, `x / 6` around activations). */
  | { op: 'scale_shift'; scale: number; shift: number }
  /** Element-wise product of two inputs, the second broadcast to the first ([1, 1, C] gates of SE, x * sigmoid(x)). */
  | { op: 'mul' }
  /** ShuffleNet's channel shuffle: channels viewed as [groups, C / groups], transposed, flattened. */
  | { op: 'channel_shuffle'; groups: number }
  /** A [C] vector as a [1, 1, C] map (SE gates computed by dense layers, then viewed as N, C, 1, 1). */
  | { op: 'to_map' }
  /** Channels [start, end) of a feature map or vector (ShuffleNet v2's split). */
  | { op: 'slice_channels'; start: number; end: number }
  /** count_include_pad=false average pooling (NB201's avg_pool_3x3) unless includePad (PyTorch's default). */
  | { op: 'avg_pool'; size: number; stride: number; pad: Pad4; includePad?: boolean }
  | { op: 'max_pool'; size: number; stride: number; pad: Pad4 }
  /** keepDims: [1, 1, C] instead of [C] (the squeeze in squeeze-and-excitation, convolved by 1x1 convs). */
  | { op: 'global_avg_pool'; keepDims?: boolean }
  | { op: 'flatten' }
  | { op: 'add' }
  | { op: 'concat' }
  /** x * 0 (NB201 'none'): keeps the shape, contributes nothing. */
  | { op: 'zero' }
  | { op: 'identity' };

export type GraphNode = NodeSpec & { id: string; inputs: string[]; shape: Shape };

export type ParamRole = 'weight' | 'bias' | 'gamma' | 'beta';

export interface ParamSpec {
  /** Unique, structural name (`<node id>.<role>`): seeds its init, so order of evaluation never matters. */
  name: string;
  node: string;
  role: ParamRole;
  /** The layer family the parameter belongs to: saliency proxies use conv/dense weights only. */
  layer: 'conv' | 'depthwise' | 'dense' | 'bn';
  shape: number[];
  fanIn: number;
}

export interface Graph {
  name: string;
  inputShape: [number, number, number];
  numClasses: number;
  /** Topologically ordered. */
  nodes: GraphNode[];
  output: string;
  /** The feature map right before global pooling (Zen-score's f_e). */
  preGap: string;
  params: ParamSpec[];
  /** Import warnings (an ONNX export with batch norm folded away), reported in run.json and the report. */
  notes?: string[];
}

export function paramName(node: string, role: ParamRole): string {
  return `${node}.${role}`;
}

/** Parameters of one node, derived from its op and input shape. */
export function paramsOf(node: GraphNode, inShape: Shape): ParamSpec[] {
  const out: ParamSpec[] = [];
  const add = (role: ParamRole, layer: ParamSpec['layer'], shape: number[], fanIn: number) =>
    out.push({ name: paramName(node.id, role), node: node.id, role, layer, shape, fanIn });
  switch (node.op) {
    case 'conv2d': {
      // Grouped: each filter sees cin / groups channels, as PyTorch's [cout, cin / groups, kh, kw] weight.
      const cin = inShape[2] / (node.groups ?? 1);
      const fanIn = node.kernel[0] * node.kernel[1] * cin;
      add('weight', 'conv', [node.kernel[0], node.kernel[1], cin, node.filters], fanIn);
      if (node.bias) add('bias', 'conv', [node.filters], fanIn);
      break;
    }
    case 'depthwise_conv2d': {
      const cin = inShape[2];
      const fanIn = node.kernel[0] * node.kernel[1];
      add('weight', 'depthwise', [node.kernel[0], node.kernel[1], cin, node.multiplier], fanIn);
      if (node.bias) add('bias', 'depthwise', [cin * node.multiplier], fanIn);
      break;
    }
    case 'dense': {
      const fanIn = inShape[inShape.length - 1];
      add('weight', 'dense', [fanIn, node.units], fanIn);
      if (node.bias) add('bias', 'dense', [node.units], fanIn);
      break;
    }
    case 'batchnorm':
      if (node.affine) {
        const c = inShape[inShape.length - 1];
        add('gamma', 'bn', [c], c);
        add('beta', 'bn', [c], c);
      }
      break;
    default:
      break;
  }
  return out;
}

/** Extent of a dilated kernel: d * (k - 1) + 1. */
export function dilatedKernel(kernel: number, dilation = 1): number {
  return dilation * (kernel - 1) + 1;
}

/** Output shape of a pooling or convolution window along one axis (PyTorch floor convention). */
export function windowOut(size: number, kernel: number, stride: number, padBefore: number, padAfter: number): number {
  return Math.floor((size + padBefore + padAfter - kernel) / stride) + 1;
}
