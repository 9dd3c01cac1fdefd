// NN-Mass (Bhardwaj, Li & Marculescu, CVPR 2021) on NAS-Bench-201 cells: sum over cells of rho_c * w_c * d_c.
// The paper defines it for DenseNet-like cells (a chain of layers plus long-range skip links); no reference code
// exists, so this is our reading of it for the NB201 cell DAG (nodes 0..3, edge j->i for every j < i):
//  - an edge is LIVE when its op is not `none` and it lies on a path of non-`none` edges from node 0 to node 3
//    (edges on dead branches are computed but cannot change the cell output);
//  - d_c (depth) = the largest number of convolutions (nor_conv_1x1 / nor_conv_3x3) on any live path 0 -> 3
//    (0 when node 3 is unreachable, e.g. all-`none`);
//  - rho_c (link density) = live long-range edges / 3: the long-range edges are those that bypass at least one
//    node, 0->2, 0->3 and 1->3 (of any op: a link carries information whatever it computes);
//  - w_c (width) = the cell's channel count, read from the graph (16/32/64 for C = 16).
// The two residual reduction blocks are the same in every NB201 network and are left out (a constant).
// Data-free, gradient-free; higher = better.
import type { Graph } from '../graph/ir.js';
import { parseArch, type Nb201Arch } from '../spaces/nb201/arch.js';
import { registerProxy } from './registry.js';

const CONV_OPS = new Set(['nor_conv_1x1', 'nor_conv_3x3']);
const LONG_RANGE_POSSIBLE = 3;

export interface CellMass {
  depth: number;
  density: number;
}

/** Depth and long-range density of one NB201 cell (the same for every cell of a network). */
export function nb201CellMass(arch: Nb201Arch): CellMass {
  const edges = arch.edges.filter((e) => e.op !== 'none');
  // Reachability from node 0 (forward) and to node 3 (backward) over non-none edges; nodes are topologically ordered.
  const fromInput = [true, false, false, false];
  for (const e of [...edges].sort((a, b) => a.to - b.to)) if (fromInput[e.from]) fromInput[e.to] = true;
  const toOutput = [false, false, false, true];
  for (const e of [...edges].sort((a, b) => b.from - a.from)) if (toOutput[e.to]) toOutput[e.from] = true;
  const live = edges.filter((e) => fromInput[e.from] && toOutput[e.to]);
  // Longest path in convolutions over live edges (DAG in node order).
  const depthTo = [0, -Infinity, -Infinity, -Infinity];
  for (let node = 1; node <= 3; node++) {
    for (const e of live.filter((l) => l.to === node)) {
      depthTo[node] = Math.max(depthTo[node], depthTo[e.from] + (CONV_OPS.has(e.op) ? 1 : 0));
    }
  }
  const longRange = live.filter((e) => e.to - e.from >= 2).length;
  return { depth: Number.isFinite(depthTo[3]) ? depthTo[3] : 0, density: longRange / LONG_RANGE_POSSIBLE };
}

/** NN-Mass of an NB201 graph built by buildNb201 (its name carries the arch string; widths come from its nodes). */
export function nnMass(graph: Graph): number {
  if (!graph.name.startsWith('nb201:')) {
    throw new Error(`proxy nn_mass: defined for NAS-Bench-201 networks only, got graph "${graph.name}"`);
  }
  const { depth, density } = nb201CellMass(parseArch(graph.name.slice('nb201:'.length)));
  let mass = 0;
  for (const node of graph.nodes) {
    // One cell = one `s<stage>.c<cell>.n3` output node; its last dimension is the cell width.
    if (/^s\d+\.c\d+\.n3$/.test(node.id)) mass += density * node.shape[node.shape.length - 1] * depth;
  }
  return mass;
}

export default registerProxy({
  name: 'nn_mass',
  description: 'NN-Mass on NB201 cells: sum over cells of long-range-link density x channels x conv depth (topology only).',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'Bhardwaj et al. CVPR 2021 NN-Mass (no public code); NB201 adaptation documented in src/proxies/nn_mass.ts',
  compute: (ctx) => nnMass(ctx.graph),
});
