// NN-Mass (Bhardwaj, Li & Marculescu, CVPR 2021): rho * w * d summed over cells, with the link density rho
// counted in CHANNELS over the w (d-1)(d-2)/2 possible long-range channel links of a d-layer, w-wide cell.
//
// Residual families (ResNet, MobileNetV2; any graph with residual adds) follow the authors' code
// (SLDGroup/NN_Mass model_zoo.py), which reduces that definition to one closed form per block:
//  - basic block (two full convolutions on the branch), input width i, output width o:   mass = i + o
//    (every block, projection-shortcut blocks included, as their ResNet sums over all blocks);
//  - bottleneck (three full convolutions, first one of width h):                          mass = (i + 2h) i / (2i + h)
//  - inverted residual (a depthwise conv of width h on the branch; MobileNetV2 adds the input back only when stride
//    is 1 and widths match, other blocks have no add and count 0):                        mass = (i + 2h) i / (2i + h)
//  - any other residual add (a branch shape the authors do not cover): the basic-block form i + o.
// Plain convolutions, concatenations and the head contribute 0. So a ResNet stage of n basic blocks at width 64
// has mass 128 n: it grows with depth, as in the authors' code.
//
// NAS-Bench-201 has no published NN-Mass. zsnas's own extension (not a reference value) for its cell DAG
// (nodes 0..3, edge j->i for j < i):
//  - an edge is LIVE when its op is not `none` and it lies on a path of non-`none` edges from node 0 to node 3;
//  - d_c = the largest number of convolutions (nor_conv_1x1 / nor_conv_3x3) on a live path 0 -> 3;
//  - rho_c = live long-range edges (0->2, 0->3, 1->3, any op) / 3;
//  - w_c = the cell's channel count;   mass = sum over the 15 cells of rho_c * w_c * d_c
// (the two reduction blocks are the same in every NB201 network and are left out).
// Data-free, gradient-free; higher = better within a family.
import type { Graph, GraphNode } from '../graph/ir.js';
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
  const depthTo = [0, -Infinity, -Infinity, -Infinity];
  for (let node = 1; node <= 3; node++) {
    for (const e of live.filter((l) => l.to === node)) {
      depthTo[node] = Math.max(depthTo[node], depthTo[e.from] + (CONV_OPS.has(e.op) ? 1 : 0));
    }
  }
  const longRange = live.filter((e) => e.to - e.from >= 2).length;
  return { depth: Number.isFinite(depthTo[3]) ? depthTo[3] : 0, density: longRange / LONG_RANGE_POSSIBLE };
}

/** NN-Mass of a graph: the NB201 extension for graphs built by buildNb201, the authors' block forms otherwise. */
export function nnMass(graph: Graph): number {
  if (!graph.name.startsWith('nb201:')) return residualNnMass(graph);
  const { depth, density } = nb201CellMass(parseArch(graph.name.slice('nb201:'.length)));
  let mass = 0;
  for (const node of graph.nodes) {
    // One cell = one `s<stage>.c<cell>.n3` output node; its last dimension is the cell width.
    if (/^s\d+\.c\d+\.n3$/.test(node.id)) mass += density * node.shape[node.shape.length - 1] * depth;
  }
  return mass;
}

export type BlockForm = 'basic' | 'bottleneck' | 'inverted' | 'other';

export interface ResidualBlock {
  add: string;
  form: BlockForm;
  inWidth: number;
  outWidth: number;
  /** Hidden width h of bottleneck / inverted-residual forms (0 otherwise). */
  hidden: number;
  mass: number;
}

const width = (n: GraphNode) => n.shape[n.shape.length - 1];

/** The residual blocks of a graph (one per two-input add) with the authors' closed form of each. */
export function residualBlocks(graph: Graph): ResidualBlock[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const order = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const ancestors = new Map<string, Set<string>>();
  for (const n of graph.nodes) {
    const set = new Set<string>([n.id]);
    for (const i of n.inputs) for (const a of ancestors.get(i)!) set.add(a);
    ancestors.set(n.id, set);
  }
  const blocks: ResidualBlock[] = [];
  for (const n of graph.nodes) {
    if (n.op !== 'add' || n.inputs.length !== 2) continue;
    const [a, b] = n.inputs.map((i) => ancestors.get(i)!);
    // The block input: the latest node both summands descend from.
    let start = '';
    for (const id of a) if (b.has(id) && (!start || order.get(id)! > order.get(start)!)) start = id;
    if (!start) continue;
    const before = ancestors.get(start)!;
    const convsOf = (set: Set<string>) => [...set].filter((id) => !before.has(id))
      .map((id) => byId.get(id)!).filter((x) => x.op === 'conv2d' || x.op === 'depthwise_conv2d')
      .sort((x, y) => order.get(x.id)! - order.get(y.id)!);
    const [ca, cb] = [convsOf(a), convsOf(b)];
    const branch = ca.length >= cb.length ? ca : cb;
    const i = width(byId.get(start)!), o = width(n);
    const dw = branch.find((c) => c.op === 'depthwise_conv2d');
    let form: BlockForm, hidden = 0, mass: number;
    if (dw) {
      form = 'inverted';
      hidden = width(dw);
    } else if (branch.length === 3) {
      form = 'bottleneck';
      hidden = width(branch[0]);
    }
    if (hidden) mass = ((i + 2 * hidden) * i) / (2 * i + hidden);
    else {
      form = branch.length === 2 ? 'basic' : 'other';
      mass = i + o;
    }
    blocks.push({ add: n.id, form: form!, inWidth: i, outWidth: o, hidden, mass });
  }
  return blocks;
}

export function residualNnMass(graph: Graph): number {
  return residualBlocks(graph).reduce((s, b) => s + b.mass, 0);
}

export default registerProxy({
  name: 'nn_mass',
  description: 'NN-Mass: sum of the authors\' per-block closed forms (basic i+o; bottleneck and inverted residual ' +
    '(i+2h)i/(2i+h)) over residual blocks; on NB201, zsnas\'s own cell extension sum_c (live long-range edges/3) * w_c * d_c.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SLDGroup/NN_Mass model_zoo.py block forms (ResNet, MobileNetV2, any residual graph); the NB201 form is ' +
    'zsnas\'s own extension with no published counterpart (formula in src/proxies/nn_mass.ts)',
  compute: (ctx) => nnMass(ctx.graph),
});
