import { countParams } from '../graph/count.js';
import { registerProxy } from './registry.js';

export default registerProxy({
  name: 'params',
  description: 'Number of trainable parameters (conv, dense, BN affine), NB201 convention.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'NAS-Bench-201 / xautodl parameter count',
  compute: (ctx) => countParams(ctx.graph),
});
