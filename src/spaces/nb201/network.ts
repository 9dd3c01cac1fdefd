// The exact NAS-Bench-201 network (xautodl TinyNetwork, C=16, N=5): stem conv3x3+BN, 3 stages of 5 cells with
// ResNet reduction blocks between them, ReLU-Conv-BN ops, avg-pool excluding padding, BN-ReLU-GAP-Linear head.
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import type { DatasetName } from '../../spec/types.js';
import { formatArch, parseArch, type Nb201Arch } from './arch.js';
import { BN, inferCell, reductionBlock } from './cell.js';

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
    for (let cell = 0; cell < N; cell++) x = inferCell(g, `s${stage}.c${cell}`, x, arch, width, width, variant === 'samsung');
  }
  g.add('head.bn', BN, [x]);
  const act = g.add('head.relu', { op: 'relu' }, ['head.bn']);
  g.add('head.gap', { op: 'global_avg_pool' }, [act]);
  g.add('head.fc', { op: 'dense', units: ds.classes, bias: true }, ['head.gap']);
  return g.build('head.fc', act);
}
