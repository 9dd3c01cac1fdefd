// NASWOT (Mellor et al., ICML 2021, v2 "hooklogdet"): log|det K| of the Hamming-similarity kernel of the binary
// ReLU codes of a batch. Every ReLU node invocation counts separately (an NB201 node feeding three ReLU-Conv-BN
// ops contributes three times, like the reference's per-module hooks).
import { logAbsDet } from '../linalg/logdet.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import { batchReluKernel, type ReluKernel } from './passes/relu-codes.js';

/** log|det K| (slogdet, sign dropped: K is PSD); -Infinity when two samples share every code (singular K). */
export function naswotScore(kernel: ReluKernel): number {
  return logAbsDet(kernel.k).logAbsDet;
}

export default registerProxy({
  name: 'naswot',
  description: 'NASWOT: log|det K|, K_ij = sum over ReLUs of (units - Hamming distance) of the ReLU-input sign codes.',
  needs: { data: true, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { samples: 64 },
  reference: 'BayesWatch/nas-without-training hooklogdet (PyTorch default init, train-mode BN, one forward)',
  compute: async (ctx, options) => naswotScore(await batchReluKernel(ctx, positiveInt('naswot', options, 'samples'))),
});
