// The building blocks of xautodl's cell networks, shared by NB201 (TinyNetwork: C_in = C_out in every cell) and
// NATS-Bench SSS (DynamicShapeTinyNet: a cell may change the width). Node ids are part of the seeded init
// (a parameter's stream is keyed by its name), so they must stay stable.
import type { GraphBuilder } from '../../graph/builder.js';
import type { Nb201Arch, Nb201Op } from './arch.js';

export const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;

/** ReLU -> Conv(k, pad (k-1)/2) -> BN: no conv bias and affine BN, or (samsung cells) conv bias and plain BN. */
export function reluConvBn(g: GraphBuilder, id: string, input: string, k: number, stride: number, filters: number, samsung = false): string {
  const p = (k - 1) / 2;
  g.add(`${id}.relu`, { op: 'relu' }, [input]);
  g.add(`${id}.conv`, { op: 'conv2d', kernel: [k, k], stride, pad: [p, p, p, p], filters, bias: samsung }, [`${id}.relu`]);
  return g.add(`${id}.bn`, samsung ? { ...BN, affine: false } : BN, [`${id}.conv`]);
}

/** ResNetBasicblock(stride 2): two ReLU-Conv3x3-BN, shortcut AvgPool2x2 -> Conv1x1 (no BN), summed. */
export function reductionBlock(g: GraphBuilder, id: string, input: string, width: number): string {
  const a = reluConvBn(g, `${id}.a`, input, 3, 2, width);
  const b = reluConvBn(g, `${id}.b`, a, 3, 1, width);
  g.add(`${id}.short.pool`, { op: 'avg_pool', size: 2, stride: 2, pad: [0, 0, 0, 0] }, [input]);
  g.add(`${id}.short.conv`, { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: width, bias: false },
    [`${id}.short.pool`]);
  return g.add(`${id}.add`, { op: 'add' }, [`${id}.short.conv`, b]);
}

/**
 * xautodl InferCell (stride 1): edges leaving node 0 map cIn -> cOut, all others cOut -> cOut. With cIn != cOut,
 * skip_connect becomes FactorizedReduce(stride 1) = Conv1x1 -> BN without a ReLU, and avg_pool_3x3 gets a
 * ReLU-Conv1x1-BN preprocess (xautodl POOLING).
 */
export function inferCell(g: GraphBuilder, id: string, input: string, arch: Nb201Arch, cIn: number, cOut: number, samsung: boolean): string {
  const nodes = [input];
  for (let to = 1; to <= 3; to++) {
    const terms: string[] = [];
    for (const e of arch.edges.filter((edge) => edge.to === to)) {
      const t = edgeOp(g, `${id}.e${e.from}${to}`, nodes[e.from], e.op, e.from === 0 ? cIn : cOut, cOut, samsung);
      if (t) terms.push(t);
    }
    if (!terms.length && to === 1 && cIn !== cOut) {
      // xautodl's Zero(C_in, C_out) returns C_out zero channels; our zero op keeps its input's shape.
      throw new Error(`${id}: a cell whose node 1 has only 'none' inputs cannot change the width (${cIn} -> ${cOut})`);
    }
    // 'none' edges add x*0: leaving them out of the sum is exact; a node with only 'none' inputs is zero.
    nodes.push(terms.length ? g.add(`${id}.n${to}`, { op: 'add' }, terms) : g.add(`${id}.n${to}`, { op: 'zero' }, [cIn === cOut ? input : nodes[1]]));
  }
  return nodes[3];
}

function edgeOp(g: GraphBuilder, id: string, input: string, op: Nb201Op, cIn: number, cOut: number, samsung: boolean): string | null {
  switch (op) {
    case 'none':
      return null;
    case 'skip_connect':
      if (cIn === cOut) return input;
      g.add(`${id}.conv`, { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: cOut, bias: samsung }, [input]);
      return g.add(`${id}.bn`, samsung ? { ...BN, affine: false } : BN, [`${id}.conv`]);
    case 'nor_conv_1x1':
      return reluConvBn(g, id, input, 1, 1, cOut, samsung);
    case 'nor_conv_3x3':
      return reluConvBn(g, id, input, 3, 1, cOut, samsung);
    case 'avg_pool_3x3': {
      const src = cIn === cOut ? input : reluConvBn(g, `${id}.pre`, input, 1, 1, cOut, samsung);
      return g.add(`${id}.pool`, { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, [src]);
    }
  }
}
