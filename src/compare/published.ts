// Published |Spearman rho| of SamsungLabs zero-cost-nas on all 15,625 NAS-Bench-201 archs (1 batch of 64,
// default init; PROXIES.md section 6.1), shown beside ours in reports.
import type { DatasetName } from '../spec/types.js';

export const PUBLISHED_SPEARMAN: Record<DatasetName, Record<string, number>> = {
  cifar10: { grad_norm: 0.594, snip: 0.596, grasp: 0.514, fisher: 0.36, synflow: 0.737, jacob_cov: 0.731 },
  cifar100: { grad_norm: 0.637, snip: 0.637, grasp: 0.547, fisher: 0.385, synflow: 0.763, jacob_cov: 0.704 },
  'ImageNet16-120': { grad_norm: 0.578, snip: 0.578, grasp: 0.549, fisher: 0.327, synflow: 0.751, jacob_cov: 0.701 },
};

export const PUBLISHED_SOURCE = 'SamsungLabs zero-cost-nas, |Spearman rho| over all 15,625 NB201 archs';
