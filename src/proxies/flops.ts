import { countFlops } from '../graph/count.js';
import { registerProxy } from './registry.js';

export default registerProxy({
  name: 'flops',
  description: 'Multiply-accumulates of conv and dense layers (+bias), NB201 convention; no BN/activation/pooling cost.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'NAS-Bench-201 / xautodl flop_benchmark',
  compute: (ctx) => countFlops(ctx.graph),
});
