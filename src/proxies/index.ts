// Importing this module registers every built-in proxy.
import './params.js';
import './flops.js';
import './grad_norm.js';
import './snip.js';
import './plain.js';
import './l2_norm.js';
import './grasp.js';
import './fisher.js';
import './synflow.js';
import './zico.js';
import './grad_sign.js';
import './knas.js';
import './jacob_cov.js';
import './epe_nas.js';
import './naswot.js';
import './linear_regions.js';
import './zen.js';
import './ntk.js';
import './nn_mass.js';

export { getProxy, proxyNames, hasProxy, resolveOptions, registerProxy } from './registry.js';
export type { Proxy, ProxyContext, ProxyMeta, ProxyNeeds, CalibrationBatch } from './types.js';
