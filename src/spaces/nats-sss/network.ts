// The NATS-Bench size-space network (xautodl `infer.shape.tiny`, DynamicShapeTinyNet with 5 channel counts):
// stem Conv3x3(3 -> C1)+BN; cell(C1 -> C1); ResNet reduction(C1 -> C2); cell(C2 -> C3); reduction(C3 -> C4);
// cell(C4 -> C5); BN-ReLU-GAP-Linear. Every cell is the same fixed NB201 topology (the best TSS cell).
import { GraphBuilder } from '../../graph/builder.js';
import type { Graph } from '../../graph/ir.js';
import type { DatasetName } from '../../spec/types.js';
import { parseArch } from '../nb201/arch.js';
import { BN, inferCell, reductionBlock } from '../nb201/cell.js';
import { NB201_DATASETS } from '../nb201/network.js';
import { formatSssArch, parseSssArch, type SssArch } from './arch.js';

export const SSS_CELL = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const CELL = parseArch(SSS_CELL);

export function buildNatsSss(archText: string | SssArch, dataset: DatasetName = 'cifar10'): Graph {
  const channels = typeof archText === 'string' ? parseSssArch(archText) : archText;
  const ds = NB201_DATASETS[dataset];
  const g = new GraphBuilder(`nats-sss:${formatSssArch(channels)}`, ds.inputShape, ds.classes);
  g.add('stem.conv', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: channels[0], bias: false }, ['input']);
  let x = g.add('stem.bn', BN, ['stem.conv']);
  let prev = channels[0];
  // xautodl's layer_reductions for N = 1: [cell, reduction, cell, reduction, cell].
  channels.forEach((c, layer) => {
    x = layer % 2 === 1 ? reductionBlock(g, `l${layer}.res`, x, c) : inferCell(g, `l${layer}.cell`, x, CELL, prev, c, false);
    prev = c;
  });
  g.add('head.bn', BN, [x]);
  const act = g.add('head.relu', { op: 'relu' }, ['head.bn']);
  g.add('head.gap', { op: 'global_avg_pool' }, [act]);
  g.add('head.fc', { op: 'dense', units: ds.classes, bias: true }, ['head.gap']);
  return g.build('head.fc', act);
}
