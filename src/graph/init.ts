// Seeded parameter initialisation. Each tensor draws from its own stream keyed by (seed, arch key, param name),
// so the same (arch, seed) always gets the same weights, whatever was evaluated before it.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import type { Graph, ParamSpec } from './ir.js';
import type { ParamMap } from './execute.js';

/**
 * - `pytorch`: PyTorch defaults — conv/dense weight and bias U(-1/sqrt(fan_in), +1/sqrt(fan_in)) (kaiming_uniform with a=sqrt 5), BN gamma 1, beta 0.
 * - `gaussian`: Zen/ZiCo `network_weight_gaussian_init` — conv/dense weights N(0,1), biases 0, BN gamma 1, beta 0.
 * - `kaiming_normal_fanout`: TE-NAS — weights N(0, 2/fan_out), biases 0.
 */
export type InitScheme = 'pytorch' | 'gaussian' | 'kaiming_normal_fanout';

export const INIT_SCHEMES: InitScheme[] = ['pytorch', 'gaussian', 'kaiming_normal_fanout'];

export function initValues(p: ParamSpec, seed: number, archKey: string, scheme: InitScheme): Float32Array {
  const size = p.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (p.role === 'gamma') return out.fill(1);
  if (p.role === 'beta') return out;
  const rng = Rng.keyed(seed, archKey, p.name);
  if (scheme === 'pytorch') {
    const bound = 1 / Math.sqrt(p.fanIn);
    return rng.fillUniform(out, -bound, bound);
  }
  if (p.role === 'bias') return out;
  if (scheme === 'gaussian') return rng.fillNormal(out, 0, 1);
  // fan_out = receptive field * output channels (PyTorch convention for [kh, kw, cin, cout] / [in, out]).
  const fanOut = p.shape.length === 4 ? p.shape[0] * p.shape[1] * p.shape[3] : p.shape[p.shape.length - 1];
  return rng.fillNormal(out, 0, Math.sqrt(2 / fanOut));
}

/** Fresh parameter tensors (caller disposes them, e.g. with disposeParams). */
export function initParams(graph: Graph, seed: number, archKey: string, scheme: InitScheme = 'pytorch'): ParamMap {
  const params: ParamMap = {};
  for (const p of graph.params) params[p.name] = tf.tensor(initValues(p, seed, archKey, scheme), p.shape);
  return params;
}

export function disposeParams(params: ParamMap): void {
  for (const t of Object.values(params)) t.dispose();
}
