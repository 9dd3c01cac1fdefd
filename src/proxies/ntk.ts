// TE-NAS NTK condition number (Chen et al., ICLR 2021; TENAS get_ntk_n): kappa = lambda_max / lambda_min of the
// empirical NTK Theta = J J^T, J_i = d(sum_c f_c(x_i))/d theta over every "weight" parameter (conv, dense
// weights and BN gamma, as PyTorch's name filter `'weight' in name`). Score = -kappa (lower kappa is better).
// Train-mode BN on the whole batch: row i is the gradient of the i-th row of the BATCH logits. TF.js keeps no
// tape between gradient calls, so each row recomputes the batch forward: cost = `samples` forward+backward passes.
import * as tf from '@tensorflow/tfjs';
import type { ParamMap } from '../graph/execute.js';
import { checkpointedGrads } from '../graph/checkpoint.js';
import type { Graph } from '../graph/ir.js';
import { INIT_SCHEMES, type InitScheme } from '../graph/init.js';
import { symmetricEigenvalues, type SquareMatrix } from '../linalg/eigen.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';

/** TENAS maps a NaN condition number to 1e5 (np.nan_to_num(..., nan=100000)). */
const NAN_KAPPA = 1e5;

/** The parameters TENAS differentiates: names containing "weight" in PyTorch. */
export function ntkParams(graph: Graph): string[] {
  return graph.params.filter((p) => p.role === 'weight' || p.role === 'gamma').map((p) => p.name);
}

/** Theta = J J^T (float64) from per-sample gradients of the summed logits of batch row i. */
export function empiricalNtk(graph: Graph, params: ParamMap, x: tf.Tensor4D, names = ntkParams(graph)): SquareMatrix {
  const n = x.shape[0];
  const rows: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const { grads } = checkpointedGrads(graph, params, x, names, (logits) =>
      tf.sum(tf.slice(logits, [i, 0], [1, -1])) as tf.Scalar);
    const parts = names.map((name) => grads.get(name)!.dataSync() as Float32Array);
    const row = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { row.set(p, at); at += p.length; }
    for (const g of grads.values()) g.dispose();
    rows.push(row);
  }
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const a = rows[i], b = rows[j];
      let s = 0;
      for (let k = 0; k < a.length; k++) s += a[k] * b[k];
      data[i * n + j] = s;
      data[j * n + i] = s;
    }
  }
  return { n, data };
}

/** kappa = lambda_max / lambda_min of the (ascending) eigenvalues; NaN becomes 1e5; +-inf is kept. */
export function conditionNumber(theta: SquareMatrix): number {
  const ev = symmetricEigenvalues(theta);
  const kappa = ev[ev.length - 1] / ev[0];
  return Number.isNaN(kappa) ? NAN_KAPPA : kappa;
}

export default registerProxy({
  name: 'ntk',
  description: 'TE-NAS NTK condition number, negated: -lambda_max/lambda_min of J J^T over per-sample weight/gamma gradients.',
  needs: { data: true, labels: false, paramGrads: true, inputGrads: false, perSample: true },
  direction: 1,
  defaults: { samples: 16, init: 'kaiming_normal_fanout' },
  reference: 'TE-NAS get_ntk_n (train-mode BN, Kaiming-normal fan_out init, one repeat, NaN kappa -> 1e5)',
  compute: (ctx, options) => {
    const init = options.init as InitScheme;
    if (!INIT_SCHEMES.includes(init)) {
      throw new Error(`proxy ntk: option init must be one of ${INIT_SCHEMES.join(', ')}, got ${JSON.stringify(options.init)}`);
    }
    const x = ctx.input(0, positiveInt('ntk', options, 'samples'));
    return -conditionNumber(empiricalNtk(ctx.graph, ctx.params(init), x));
  },
});
