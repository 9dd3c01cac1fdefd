// Jacobian covariance (Mellor et al., NASWOT v1; SamsungLabs zero-cost-nas `jacob_cov`): how decorrelated the
// input Jacobians of different samples are at initialisation.
import { corrcoef } from '../linalg/corrcoef.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { sharedInputJacobian, type InputJacobian } from './passes/jacobian.js';

const K = 1e-5;

/**
 * -sum_i [log(lambda_i + k) + 1/(lambda_i + k)] over the eigenvalues of corrcoef(J), lambda clamped at 0 (rounding
 * makes tiny negative ones, which the reference would turn into NaN). NaN when a row of J has zero variance.
 */
export function jacobCovScore(j: InputJacobian, k = K): number {
  const lambdas = symmetricEigenvalues(corrcoef(j.rows, j.n, j.d));
  let s = 0;
  for (const raw of lambdas) {
    const l = Math.max(raw, 0) + k;
    s += Math.log(l) + 1 / l;
  }
  return Number.isNaN(s) ? NaN : -s;
}

export default registerProxy({
  name: 'jacob_cov',
  description: 'Jacobian covariance: -sum[log(l+k)+1/(l+k)] over eigenvalues of corrcoef of per-sample input gradients of the summed logits.',
  needs: { data: true, labels: false, paramGrads: false, inputGrads: true, perSample: false },
  direction: 1,
  defaults: { samples: 64 },
  reference: 'SamsungLabs zero-cost-nas jacob_cov (PyTorch default init, train-mode BN, k = 1e-5)',
  compute: async (ctx, options) => jacobCovScore(await sharedInputJacobian(ctx, positiveInt('jacob_cov', options, 'samples'))),
});

