// Seeded parameter initialisation. Each tensor draws from its own stream keyed by (seed, arch key, param name),
// so the same (arch, seed) always gets the same weights, whatever was evaluated before it.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import { NETWORK_INITS, type NetworkInit } from '../spec/types.js';
import type { Graph, ParamSpec } from './ir.js';
import type { ParamMap } from './execute.js';

/**
 * - `pytorch`: PyTorch defaults — conv/dense weight and bias U(-1/sqrt(fan_in), +1/sqrt(fan_in)) (kaiming_uniform with a=sqrt 5), BN gamma 1, beta 0.
 * - `kaiming_{normal,uniform}_fan_{in,out}`: torch.nn.init.kaiming_*_ with its defaults (a = 0, gain sqrt 2):
 *   N(0, 2/fan) or U(±sqrt(6/fan)). `xavier_{uniform,normal}`: gain 1, U(±sqrt(6/(fan_in+fan_out))) or
 *   N(0, 2/(fan_in+fan_out)). These (the survey's init ablation) set biases to 0, BN gamma 1, beta 0.
 * - `gaussian`: Zen/ZiCo `network_weight_gaussian_init` — conv/dense weights N(0,1), biases 0, BN gamma 1, beta 0.
 * - `kaiming_normal_fanout`: TE-NAS — weights N(0, 2/fan_out), biases 0 (the same draw as kaiming_normal_fan_out).
 */
export type InitScheme = NetworkInit | 'gaussian' | 'kaiming_normal_fanout';

export const INIT_SCHEMES: InitScheme[] = [...NETWORK_INITS, 'gaussian', 'kaiming_normal_fanout'];

/**
 * PyTorch's fans (torch.nn.init._calculate_fan_in_and_fan_out) for our layouts. A conv weight is [kh, kw, cin, cout]
 * here and [cout, cin/groups, kh, kw] there: fan_in = cin/groups·kh·kw, fan_out = cout·kh·kw. Depthwise
 * [kh, kw, cin, m] is PyTorch's groups = cin with cout = cin·m: fan_in = kh·kw, fan_out = cin·m·kh·kw.
 * Dense [in, out]: fan_in = in, fan_out = out.
 */
export function fansOf(p: ParamSpec): { fanIn: number; fanOut: number } {
  const s = p.shape;
  if (p.layer === 'conv' && s.length === 4) return { fanIn: s[0] * s[1] * s[2], fanOut: s[0] * s[1] * s[3] };
  if (p.layer === 'depthwise' && s.length === 4) return { fanIn: s[0] * s[1], fanOut: s[0] * s[1] * s[2] * s[3] };
  if (p.layer === 'dense' && s.length === 2) return { fanIn: s[0], fanOut: s[1] };
  return { fanIn: p.fanIn, fanOut: p.fanIn };
}

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
  const { fanIn, fanOut } = fansOf(p);
  switch (scheme) {
    case 'kaiming_normal_fan_in':
      return rng.fillNormal(out, 0, Math.sqrt(2 / fanIn));
    case 'kaiming_normal_fan_out':
    case 'kaiming_normal_fanout':
      return rng.fillNormal(out, 0, Math.sqrt(2 / fanOut));
    case 'kaiming_uniform_fan_in':
      return uniform(rng, out, Math.sqrt(6 / fanIn));
    case 'kaiming_uniform_fan_out':
      return uniform(rng, out, Math.sqrt(6 / fanOut));
    case 'xavier_uniform':
      return uniform(rng, out, Math.sqrt(6 / (fanIn + fanOut)));
    case 'xavier_normal':
      return rng.fillNormal(out, 0, Math.sqrt(2 / (fanIn + fanOut)));
  }
}

const uniform = (rng: Rng, out: Float32Array, bound: number) => rng.fillUniform(out, -bound, bound);

/** Fresh parameter tensors (caller disposes them, e.g. with disposeParams). */
export function initParams(graph: Graph, seed: number, archKey: string, scheme: InitScheme = 'pytorch'): ParamMap {
  const params: ParamMap = {};
  for (const p of graph.params) params[p.name] = tf.tensor(initValues(p, seed, archKey, scheme), p.shape);
  return params;
}

export function disposeParams(params: ParamMap): void {
  for (const t of Object.values(params)) t.dispose();
}
