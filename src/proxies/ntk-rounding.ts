// How far float32 rounding of the Jacobian rows can move ntk's kappa = lambda_max / lambda_min of Theta = J J^T.
// Theta is summed and diagonalised in float64, so the rows are the only float32 part. With J~ = J + dJ,
// Weyl's inequality bounds every eigenvalue's move by ||dTheta||_2 <= 2 ||dJ||_2 ||J||_2 + ||dJ||_2^2, and
// ||dJ||_2 <= ||dJ||_F <= rho ||J||_F = rho sqrt(trace Theta), ||J||_2 = sqrt(lambda_max), rho the rows' relative
// rounding. kappa then lies in [(lambda_max - d) / (lambda_min + d), (lambda_max + d) / (lambda_min - d)].
// This catches near-singular kernels (nearly parallel rows), where a rounding-sized change of the rows is a large
// change of lambda_min. It cannot see a network whose gradients themselves move a lot under float32-sized changes
// of its weights: that is what ntk's one-ulp check (src/proxies/ntk.ts) measures.
import type { Graph } from '../graph/ir.js';
import { longestGradientSum, UNIT_ROUNDOFF } from './passes/rounding.js';

/**
 * Relative rounding of one float32 row element: a gradient element is a sum over the batch (train-mode BN couples
 * the rows) and the largest feature map; round-to-nearest errors of K terms grow like sqrt(K) u.
 */
export function ntkRowRounding(graph: Graph, samples: number): number {
  return Math.sqrt(longestGradientSum(graph, samples)) * UNIT_ROUNDOFF;
}

/**
 * Upper bound on |kappa~ - kappa| / kappa when every row carries relative error rho (ascending eigenvalues of
 * Theta); Infinity when the perturbation can reach lambda_min (kappa not determined at all).
 */
export function kappaRoundingBound(ev: Float64Array, rho: number): number {
  if (ev.length < 2) return 0;
  const lmin = ev[0], lmax = ev[ev.length - 1];
  if (!(lmax > 0)) return 0; // all-zero (or NaN) kernel: kappa is TE-NAS's NaN convention, not a rounding question
  let trace = 0;
  for (const v of ev) trace += v;
  const dJ = rho * Math.sqrt(Math.max(trace, 0));
  const d = 2 * dJ * Math.sqrt(Math.max(lmax, 0)) + dJ * dJ;
  if (!(lmin > d)) return d === 0 && lmin > 0 ? 0 : Infinity;
  const kappa = lmax / lmin;
  return Math.max((lmax + d) / (lmin - d) / kappa - 1, 1 - (lmax - d) / (lmin + d) / kappa);
}
