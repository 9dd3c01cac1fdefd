// The "thin" NB201 network TE-NAS counts linear regions on (VITA-Group/TENAS prune_tenas.py, model_config_thin:
// C = 1, N = 1, depth = 1, use_stem = False): no stem, ONE cell with 1 channel on the 1-channel input, then the
// network's last activation (BN + ReLU), global pooling and the classifier. A discrete arch in their supernet
// computes exactly one op per edge (ops whose softmax weight is <= 0.01 are skipped), so the cell is the NB201
// cell: ReLU-Conv-BN convolutions (no bias, affine BN), avg pool excluding padding, identity, zero.
// Inputs are 3x3 single-channel crops of (normalised) calibration images.
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import { formatArch, parseArch, type Nb201Arch } from '../../spaces/nb201/arch.js';

const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;
export const THIN_CROP = 3;

export function buildTenasThin(archText: string | Nb201Arch, classes: number): Graph {
  const arch = typeof archText === 'string' ? parseArch(archText) : archText;
  const g = new GraphBuilder(`tenas-thin:${formatArch(arch)}`, [THIN_CROP, THIN_CROP, 1], classes);
  const nodes = ['input'];
  for (let to = 1; to <= 3; to++) {
    const terms: string[] = [];
    for (const e of arch.edges.filter((edge) => edge.to === to)) {
      const id = `cell.e${e.from}${to}`, x = nodes[e.from];
      if (e.op === 'skip_connect') terms.push(x);
      else if (e.op === 'avg_pool_3x3') terms.push(g.add(`${id}.pool`, { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, [x]));
      else if (e.op !== 'none') {
        const k = e.op === 'nor_conv_3x3' ? 3 : 1, p = (k - 1) / 2;
        g.add(`${id}.relu`, { op: 'relu' }, [x]);
        g.add(`${id}.conv`, { op: 'conv2d', kernel: [k, k], stride: 1, pad: [p, p, p, p], filters: 1, bias: false }, [`${id}.relu`]);
        terms.push(g.add(`${id}.bn`, BN, [`${id}.conv`]));
      }
    }
    nodes.push(terms.length ? g.add(`cell.n${to}`, { op: 'add' }, terms) : g.add(`cell.n${to}`, { op: 'zero' }, ['input']));
  }
  g.add('head.bn', BN, [nodes[3]]);
  const act = g.add('head.relu', { op: 'relu' }, ['head.bn']);
  g.add('head.gap', { op: 'global_avg_pool' }, [act]);
  g.add('head.fc', { op: 'dense', units: classes, bias: true }, ['head.gap']);
  return g.build('head.fc', act);
}
