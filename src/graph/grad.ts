// Gradients with respect to named parameters. tf.grads refuses parameters that do not reach the loss (an NB201
// branch that only feeds a 'none' edge); PyTorch leaves their .grad empty and the proxies read zeros, so do we.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from './ir.js';
import type { ParamMap } from './execute.js';

/** Nodes from which the output is reachable. */
export function liveNodes(graph: Graph): Set<string> {
  const consumers = new Map<string, string[]>();
  for (const n of graph.nodes) for (const i of n.inputs) consumers.set(i, [...(consumers.get(i) ?? []), n.id]);
  const live = new Set<string>([graph.output]);
  for (let k = graph.nodes.length - 1; k >= 0; k--) {
    const id = graph.nodes[k].id;
    if ((consumers.get(id) ?? []).some((c) => live.has(c))) live.add(id);
  }
  return live;
}

/** Conv, depthwise and dense weights: the layer set of the per-parameter saliency proxies. */
export function saliencyWeights(graph: Graph): string[] {
  return graph.params.filter((p) => p.role === 'weight').map((p) => p.name);
}

export interface GradResult {
  value: number;
  /** One gradient per requested name (zeros for parameters that do not reach the loss). Caller disposes. */
  grads: Map<string, tf.Tensor>;
}

/** Value and gradients of loss(params) w.r.t. the named params; leaves no other tensors behind. */
export function gradsOf(graph: Graph, params: ParamMap, names: string[], loss: (p: ParamMap) => tf.Scalar): GradResult {
  const live = liveNodes(graph);
  const nodeOf = new Map(graph.params.map((p) => [p.name, p.node]));
  const active = names.filter((n) => live.has(nodeOf.get(n) ?? ''));
  const grads = new Map<string, tf.Tensor>();
  let value = NaN;
  if (active.length) {
    const out = tf.tidy(() => {
      const f = (...ws: tf.Tensor[]) => {
        const pm: ParamMap = { ...params };
        active.forEach((n, i) => { pm[n] = ws[i]; });
        return loss(pm);
      };
      const r = tf.valueAndGrads(f)(active.map((n) => params[n]));
      return [r.value, ...r.grads];
    });
    value = out[0].dataSync()[0];
    out[0].dispose();
    active.forEach((n, i) => grads.set(n, out[i + 1]));
  } else {
    value = tf.tidy(() => loss(params).dataSync()[0]);
  }
  for (const n of names) if (!grads.has(n)) grads.set(n, tf.zerosLike(params[n]));
  return { value, grads };
}
