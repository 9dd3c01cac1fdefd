// #Params and FLOPs on the NAS-Bench-201 / xautodl convention: all trainable elements; FLOPs = multiply-accumulates
// of convolutions and dense layers (plus one per output for a bias), nothing for BN, activations or pooling.
// Grouped convolutions count the cin / groups channels each filter reads (fvcore / thop); dilation changes nothing.
// Element-wise products (SE gates), shuffles and slices count nothing, like activations.
import type { Graph } from './ir.js';

export function countParams(graph: Graph): number {
  let n = 0;
  for (const p of graph.params) n += p.shape.reduce((a, b) => a * b, 1);
  return n;
}

/**
 * Where each named parameter starts when their values are concatenated in this order (flat vectors of per-sample
 * gradients); the last entry is the total length.
 */
export function paramOffsets(graph: Graph, names: readonly string[]): number[] {
  const sizes = new Map(graph.params.map((p) => [p.name, p.shape.reduce((a, b) => a * b, 1)]));
  const offsets = [0];
  for (const name of names) offsets.push(offsets[offsets.length - 1] + sizes.get(name)!);
  return offsets;
}

/** `only`: count just these nodes (e.g. the live ones, for a cost estimate); the reported FLOPs count them all. */
export function countFlops(graph: Graph, only?: ReadonlySet<string>): number {
  const shapes = new Map(graph.nodes.map((n) => [n.id, n.shape]));
  let flops = 0;
  for (const node of graph.nodes) {
    if (only && !only.has(node.id)) continue;
    const outPositions = node.shape.length === 3 ? node.shape[0] * node.shape[1] : 1;
    const outChannels = node.shape[node.shape.length - 1];
    if (node.op === 'conv2d') {
      const cin = shapes.get(node.inputs[0])![2] / (node.groups ?? 1);
      flops += node.kernel[0] * node.kernel[1] * cin * outChannels * outPositions;
      if (node.bias) flops += outChannels * outPositions;
    } else if (node.op === 'depthwise_conv2d') {
      flops += node.kernel[0] * node.kernel[1] * outChannels * outPositions;
      if (node.bias) flops += outChannels * outPositions;
    } else if (node.op === 'dense') {
      const fin = shapes.get(node.inputs[0])![0];
      flops += fin * node.units + (node.bias ? node.units : 0);
    }
  }
  return flops;
}
