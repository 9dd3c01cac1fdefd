// The exact NAS-Bench-201 network (xautodl TinyNetwork, C=16, N=5): stem conv3x3+BN, 3 stages of 5 cells with
// ResNet reduction blocks between them, ReLU-Conv-BN ops, avg-pool excluding padding, BN-ReLU-GAP-Linear head.
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import type { DatasetName } from '../../spec/types.js';
import { formatArch, parseArch, type Nb201Arch, type Nb201Op } from './arch.js';

const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;

export const NB201_DATASETS: Record<DatasetName, { inputShape: [number, number, number]; classes: number }> = {
  cifar10: { inputShape: [32, 32, 3], classes: 10 },
  cifar100: { inputShape: [32, 32, 3], classes: 100 },
  'ImageNet16-120': { inputShape: [16, 16, 3], classes: 120 },
};

/**
 * `xautodl`: the benchmark's own network (cell convs without bias, cell BN affine). `samsung`: the re-implementation
 * SamsungLabs zero-cost-nas scored (cell convs WITH bias, cell BN without affine/running stats); stem, reduction
 * blocks and head are the same. Train-mode BN cancels a conv bias in the forward, but not in Fisher's per-sample
 * activation statistics nor in SynFlow (BN removed), so those two proxies differ between the variants.
 */
export type Nb201Variant = 'xautodl' | 'samsung';

export function buildNb201(archText: string | Nb201Arch, dataset: DatasetName = 'cifar10', C = 16, N = 5,
  variant: Nb201Variant = 'xautodl'): Graph {
  const arch = typeof archText === 'string' ? parseArch(archText) : archText;
  const ds = NB201_DATASETS[dataset];
  const g = new GraphBuilder(`nb201:${formatArch(arch)}`, ds.inputShape, ds.classes);

  g.add('stem.conv', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: C, bias: false }, ['input']);
  let x = g.add('stem.bn', BN, ['stem.conv']);
  let width = C;
  for (let stage = 0; stage < 3; stage++) {
    if (stage > 0) {
      width *= 2;
      x = reductionBlock(g, `res${stage}`, x, width);
    }
    for (let cell = 0; cell < N; cell++) x = inferCell(g, `s${stage}.c${cell}`, x, arch, width, variant === 'samsung');
  }
  g.add('head.bn', BN, [x]);
  const act = g.add('head.relu', { op: 'relu' }, ['head.bn']);
  g.add('head.gap', { op: 'global_avg_pool' }, [act]);
  g.add('head.fc', { op: 'dense', units: ds.classes, bias: true }, ['head.gap']);
  return g.build('head.fc', act);
}

/** ReLU -> Conv(k, pad (k-1)/2) -> BN: no conv bias and affine BN, or (samsung cells) conv bias and plain BN. */
function reluConvBn(g: GraphBuilder, id: string, input: string, k: number, stride: number, filters: number, samsung = false): string {
  const p = (k - 1) / 2;
  g.add(`${id}.relu`, { op: 'relu' }, [input]);
  g.add(`${id}.conv`, { op: 'conv2d', kernel: [k, k], stride, pad: [p, p, p, p], filters, bias: samsung }, [`${id}.relu`]);
  return g.add(`${id}.bn`, samsung ? { ...BN, affine: false } : BN, [`${id}.conv`]);
}

function reductionBlock(g: GraphBuilder, id: string, input: string, width: number): string {
  const a = reluConvBn(g, `${id}.a`, input, 3, 2, width);
  const b = reluConvBn(g, `${id}.b`, a, 3, 1, width);
  g.add(`${id}.short.pool`, { op: 'avg_pool', size: 2, stride: 2, pad: [0, 0, 0, 0] }, [input]);
  g.add(`${id}.short.conv`, { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: width, bias: false },
    [`${id}.short.pool`]);
  return g.add(`${id}.add`, { op: 'add' }, [`${id}.short.conv`, b]);
}

function inferCell(g: GraphBuilder, id: string, input: string, arch: Nb201Arch, width: number, samsung: boolean): string {
  const nodes = [input];
  for (let to = 1; to <= 3; to++) {
    const terms: string[] = [];
    for (const e of arch.edges.filter((edge) => edge.to === to)) {
      const t = edgeOp(g, `${id}.e${e.from}${to}`, nodes[e.from], e.op, width, samsung);
      if (t) terms.push(t);
    }
    // 'none' edges add x*0: leaving them out of the sum is exact; a node with only 'none' inputs is zero.
    nodes.push(terms.length ? g.add(`${id}.n${to}`, { op: 'add' }, terms) : g.add(`${id}.n${to}`, { op: 'zero' }, [input]));
  }
  return nodes[3];
}

function edgeOp(g: GraphBuilder, id: string, input: string, op: Nb201Op, width: number, samsung: boolean): string | null {
  switch (op) {
    case 'none':
      return null;
    case 'skip_connect':
      return input;
    case 'nor_conv_1x1':
      return reluConvBn(g, id, input, 1, 1, width, samsung);
    case 'nor_conv_3x3':
      return reluConvBn(g, id, input, 3, 1, width, samsung);
    case 'avg_pool_3x3':
      return g.add(`${id}.pool`, { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, [input]);
  }
}
