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
// Other graphs (Keras JSON, macro spaces: ResNet/MobileNet-like families, the paper's own setting) use the
// paper's stage form directly — see genericNnMass below. Data-free, gradient-free; higher = better.
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
  if (!graph.name.startsWith('nb201:')) return genericNnMass(graph);
  const { depth, density } = nb201CellMass(parseArch(graph.name.slice('nb201:'.length)));
  let mass = 0;
  for (const node of graph.nodes) {
    // One cell = one `s<stage>.c<cell>.n3` output node; its last dimension is the cell width.
    if (/^s\d+\.c\d+\.n3$/.test(node.id)) mass += density * node.shape[node.shape.length - 1] * depth;
  }
  return mass;
}

const PARAMETRIC = new Set(['conv2d', 'depthwise_conv2d']);

/**
 * NN-Mass of any graph, per stage c = the nodes sharing one spatial resolution (the head's vectors excluded):
 *  - d_c = the largest number of convolutions (incl. depthwise) on a path inside the stage;
 *  - each input of an add/concat that has passed fewer convolutions (inside the stage) than the deepest input of
 *    that node is one long-range link (it bypasses at least one layer), e.g. a residual shortcut;
 *  - rho_c = links / (d_c (d_c - 1) / 2), the paper's count of possible long-range links in a d_c-layer chain;
 *  - w_c = the widest convolution output of the stage.
 * mass = sum_c rho_c * w_c * d_c (0 for a stage with fewer than 2 layers).
 */
export function genericNnMass(graph: Graph): number {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const stageOf = (id: string) => { const s = byId.get(id)!.shape; return s.length === 3 ? `${s[0]}x${s[1]}` : null; };
  const depth = new Map<string, number>();
  const stages = new Map<string, { depth: number; width: number; links: number }>();
  for (const n of graph.nodes) {
    const stage = stageOf(n.id);
    if (!stage) continue;
    const inDepth = n.inputs.map((i) => (stageOf(i) === stage ? depth.get(i) ?? 0 : 0));
    const own = PARAMETRIC.has(n.op) ? 1 : 0;
    depth.set(n.id, (inDepth.length ? Math.max(...inDepth) : 0) + own);
    const st = stages.get(stage) ?? { depth: 0, width: 0, links: 0 };
    st.depth = Math.max(st.depth, depth.get(n.id)!);
    if (own) st.width = Math.max(st.width, n.shape[2]);
    if ((n.op === 'add' || n.op === 'concat') && inDepth.length > 1) {
      const deepest = Math.max(...inDepth);
      st.links += inDepth.filter((d) => d < deepest).length;
    }
    stages.set(stage, st);
  }
  let mass = 0;
  for (const st of stages.values()) {
    if (st.depth < 2) continue;
    mass += Math.min(1, st.links / ((st.depth * (st.depth - 1)) / 2)) * st.width * st.depth;
  }
  return mass;
}

export default registerProxy({
  name: 'nn_mass',
  description: 'NN-Mass: sum over cells (NB201) or stages (other graphs) of long-range-link density x channels x conv depth (topology only).',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'Bhardwaj et al. CVPR 2021 NN-Mass (no public code); NB201 adaptation documented in src/proxies/nn_mass.ts',
  compute: (ctx) => nnMass(ctx.graph),
});
