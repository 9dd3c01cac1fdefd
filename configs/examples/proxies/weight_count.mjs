// A custom zero-cost proxy, as a repository would ship it (docs/custom-proxies.md): the number of convolution,
// depthwise and dense weight elements (biases and BatchNorm gamma/beta left out), read from the network's
// parameter list. Data-free, gradient-free, no tensors created. Option `log: true` returns log10 of the count.
// Plain JavaScript (an ES module): zsnas imports it with import(); it needs no package of its own.

/** @type {import('../../../src/proxies/types.js').Proxy} */
const proxy = {
  name: 'weight_count',
  description: 'Number of conv / depthwise / dense weight elements (no biases, no BN); log10 with log: true.',
  needs: { data: false, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { log: false },
  reference: 'configs/examples/proxies/weight_count.mjs (example custom proxy)',
  compute(ctx, options) {
    if (typeof options.log !== 'boolean') throw new Error(`weight_count: option "log" must be true or false, got ${JSON.stringify(options.log)}`);
    let n = 0;
    for (const p of ctx.graph.params) if (p.role === 'weight') n += p.shape.reduce((a, b) => a * b, 1);
    return options.log ? Math.log10(n) : n;
  },
};

export default proxy;
