// Tiny graphs that isolate one IR op each, shared by the onnxruntime backward tests (onnx-grad-ops) and the
// Hessian-vector tests (onnx-hvp-ops): the op is fed through a conv and read out through a dense layer.
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Graph, NodeSpec, Pad4 } from '../../src/graph/ir.js';

const P1: Pad4 = [1, 1, 1, 1];
const P0: Pad4 = [0, 0, 0, 0];

/** input [7, 7, 4] -> conv 3x3 (8) -> OP -> [relu] -> global pool (or flatten) -> dense 5. */
function around(name: string, op: NodeSpec, opts: { extra?: (g: GraphBuilder) => string; flatten?: boolean } = {}): Graph {
  const g = new GraphBuilder(name, [7, 7, 4], 5);
  g.add('pre', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: P1, filters: 8, bias: true }, ['input']);
  const last = opts.extra ? opts.extra(g) : g.add('op', op, ['pre']);
  const shape = g.shapeOf(last);
  const pooled = shape.length === 1 ? last : g.add('pool', opts.flatten ? { op: 'flatten' } : { op: 'global_avg_pool' }, [last]);
  g.add('fc', { op: 'dense', units: 5, bias: true }, [pooled]);
  return g.build('fc', last);
}

export const CASES: Array<[string, Graph]> = [
  ['conv2d 3x3 stride 1', around('conv-s1', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: P1, filters: 6, bias: false })],
  ['conv2d 3x3 stride 2, odd size (cropped filter gradient)', around('conv-s2', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: P1, filters: 6, bias: true })],
  ['conv2d 2x2 stride 2, asymmetric pad', around('conv-asym', { op: 'conv2d', kernel: [2, 2], stride: 2, pad: [0, 1, 1, 0], filters: 6, bias: false })],
  ['conv2d 1x3 kernel', around('conv-1x3', { op: 'conv2d', kernel: [1, 3], stride: 1, pad: [0, 0, 1, 1], filters: 6, bias: false })],
  ['grouped conv2d (4 groups)', around('conv-g4', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: P1, filters: 8, bias: false, groups: 4 })],
  ['grouped conv2d stride 2', around('conv-g2s2', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: P1, filters: 4, bias: false, groups: 2 })],
  ['dilated conv2d', around('conv-d2', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [2, 2, 2, 2], filters: 6, bias: false, dilation: 2 })],
  ['depthwise conv2d', around('dw', { op: 'depthwise_conv2d', kernel: [3, 3], stride: 1, pad: P1, multiplier: 1, bias: true })],
  ['depthwise conv2d multiplier 2, stride 2', around('dw-m2', { op: 'depthwise_conv2d', kernel: [3, 3], stride: 2, pad: P1, multiplier: 2, bias: false })],
  ['batchnorm (affine)', around('bn', { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 })],
  ['batchnorm (no affine)', around('bn-na', { op: 'batchnorm', affine: false, eps: 1e-5, momentum: 0.1 })],
  ['relu', around('relu', { op: 'relu' })],
  ['scale_shift, then relu6 on values past 6', around('relu6', { op: 'identity' }, {
    extra: (g) => g.add('r6', { op: 'relu6' }, [g.add('big', { op: 'scale_shift', scale: 12, shift: 0.5 }, ['pre'])]),
  })],
  ['leaky_relu', around('leaky', { op: 'leaky_relu', alpha: 0.1 })],
  ['avg_pool 3x3 stride 1, count_include_pad=false', around('ap', { op: 'avg_pool', size: 3, stride: 1, pad: P1 })],
  ['avg_pool 3x3 stride 2, count_include_pad=false', around('ap2', { op: 'avg_pool', size: 3, stride: 2, pad: P1 })],
  ['avg_pool 3x3 stride 1, count_include_pad=true', around('api', { op: 'avg_pool', size: 3, stride: 1, pad: P1, includePad: true })],
  ['avg_pool 2x2 stride 2, no pad', around('ap22', { op: 'avg_pool', size: 2, stride: 2, pad: P0 })],
  ['global_avg_pool keepDims + 1x1 conv', around('gapk', { op: 'identity' }, {
    extra: (g) => g.add('c1', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: P0, filters: 4, bias: true }, [g.add('sq', { op: 'global_avg_pool', keepDims: true }, ['pre'])]),
  })],
  ['flatten of a spatial map into a dense layer', around('flat', { op: 'relu' }, { flatten: true })],
  ['add (three inputs, one read twice)', around('add', { op: 'identity' }, {
    extra: (g) => {
      g.add('b', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: P0, filters: 8, bias: false }, ['pre']);
      return g.add('sum', { op: 'add' }, ['pre', 'b', 'pre']);
    },
  })],
  ['concat', around('cat', { op: 'identity' }, {
    extra: (g) => {
      g.add('b', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: P0, filters: 3, bias: false }, ['pre']);
      return g.add('cat', { op: 'concat' }, ['b', 'pre']);
    },
  })],
  ['zero next to a live branch', around('zero', { op: 'identity' }, {
    extra: (g) => {
      g.add('z', { op: 'zero' }, ['pre']);
      g.add('b', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: P1, filters: 8, bias: false }, ['pre']);
      return g.add('sum', { op: 'add' }, ['z', 'b']);
    },
  })],
  ['identity', around('id', { op: 'identity' })],
  ['dense on a vector, then relu and a second dense', around('mlp', { op: 'identity' }, {
    extra: (g) => g.add('r', { op: 'relu' }, [g.add('d1', { op: 'dense', units: 6, bias: true }, [g.add('v', { op: 'global_avg_pool' }, ['pre'])])]),
  })],
];
