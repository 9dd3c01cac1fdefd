// Importing this module registers every built-in proxy.
import './params.js';
import './flops.js';
import './grad_norm.js';

export { getProxy, proxyNames, hasProxy, resolveOptions, registerProxy } from './registry.js';
export type { Proxy, ProxyContext, ProxyMeta, ProxyNeeds, CalibrationBatch } from './types.js';
