// A small graph with every op added for ONNX models (grouped / dilated / depthwise-dilated conv, LeakyReLU,
// sigmoid, SiLU, hard sigmoid, hard swish, scale_shift, squeeze-and-excitation mul (conv and dense gates, to_map), channel shuffle, channel slices,
// count_include_pad average pooling, keepdims global pooling), for the gradient and log-scale tests.
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Graph } from '../../src/graph/ir.js';

export function newOpsGraph(): Graph {
  const g = new GraphBuilder('new-ops', [8, 8, 3], 3);
  const z = [0, 0, 0, 0] as [number, number, number, number];
  g.add('c1', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [2, 2, 2, 2], filters: 8, bias: true, dilation: 2 }, ['input']);
  g.add('lr', { op: 'leaky_relu', alpha: 0.1 }, ['c1']);
  g.add('g2', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: [1, 1, 1, 1], filters: 8, bias: false, groups: 4 }, ['lr']);
  g.add('hs', { op: 'hard_swish' }, ['g2']);
  g.add('dw', { op: 'depthwise_conv2d', kernel: [3, 3], stride: 1, pad: [2, 2, 2, 2], multiplier: 1, bias: true, dilation: 2 }, ['hs']);
  g.add('sq', { op: 'global_avg_pool', keepDims: true }, ['dw']);
  g.add('fc1', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: z, filters: 4, bias: true }, ['sq']);
  g.add('sg', { op: 'sigmoid' }, ['fc1']);
  g.add('fc2', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: z, filters: 8, bias: true }, ['sg']);
  g.add('hsg', { op: 'hard_sigmoid', alpha: 1 / 6, beta: 0.5 }, ['fc2']);
  g.add('se', { op: 'mul' }, ['dw', 'hsg']);
  g.add('sh', { op: 'channel_shuffle', groups: 2 }, ['se']);
  g.add('a', { op: 'slice_channels', start: 0, end: 3 }, ['sh']);
  g.add('b', { op: 'slice_channels', start: 3, end: 8 }, ['sh']);
  g.add('b2', { op: 'scale_shift', scale: 0.5, shift: -0.25 }, ['b']);
  g.add('silu', { op: 'silu' }, ['b2']);
  g.add('b3', { op: 'sigmoid' }, ['silu']);
  g.add('gate', { op: 'mul' }, ['b2', 'b3']);
  g.add('cat', { op: 'concat' }, ['a', 'gate']);
  g.add('ap', { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1], includePad: true }, ['cat']);
  g.add('v', { op: 'global_avg_pool' }, ['ap']);
  g.add('vd', { op: 'dense', units: 8, bias: true }, ['v']);
  g.add('vs', { op: 'sigmoid' }, ['vd']);
  g.add('vm', { op: 'to_map' }, ['vs']);
  g.add('gated', { op: 'mul' }, ['ap', 'vm']);
  g.add('gap', { op: 'global_avg_pool' }, ['gated']);
  g.add('fc', { op: 'dense', units: 3, bias: true }, ['gap']);
  return g.build('fc', 'ap');
}
