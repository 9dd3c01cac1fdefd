// The network IR every search space compiles to (NB201 cells, Keras JSON, macro YAML). One executor, one
// #Params/FLOPs counter and one initialiser serve all of them, so a proxy never needs to know the space.
// Tensors are NHWC; shapes here are per sample ([H, W, C] for maps, [C] for vectors).

export type Shape = number[];

/** Padding as PyTorch states it: explicit [top, bottom, left, right] (TF 'same' differs for stride 2). */
export type Pad4 = [number, number, number, number];

export type NodeSpec =
  | { op: 'input' }
  | { op: 'conv2d'; kernel: [number, number]; stride: number; pad: Pad4; filters: number; bias: boolean }
  | { op: 'depthwise_conv2d'; kernel: [number, number]; stride: number; pad: Pad4; multiplier: number; bias: boolean }
  | { op: 'dense'; units: number; bias: boolean }
  | { op: 'batchnorm'; affine: boolean; eps: number; momentum: number }
  | { op: 'relu' }
  | { op: 'relu6' }
  /** count_include_pad=false average pooling (NB201's avg_pool_3x3). */
  | { op: 'avg_pool'; size: number; stride: number; pad: Pad4 }
  | { op: 'max_pool'; size: number; stride: number; pad: Pad4 }
  | { op: 'global_avg_pool' }
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
      const cin = inShape[2];
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

/** Output shape of a pooling or convolution window along one axis (PyTorch floor convention). */
export function windowOut(size: number, kernel: number, stride: number, padBefore: number, padAfter: number): number {
  return Math.floor((size + padBefore + padAfter - kernel) / stride) + 1;
}
