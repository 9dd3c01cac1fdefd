// The one forward+backward of the mean cross-entropy loss that grad_norm, snip, plain, fisher, grasp's g and
// ZiCo's batches share: conv/dense weight gradients at PyTorch default init, train-mode BN, calibration batch b.
// On the default pass (batch 0, whole batch) the same backward also yields Fisher's per-channel statistics:
// zeros added to every live conv/dense output give dL/d(output) at no extra pass.
import * as tf from '@tensorflow/tfjs';
import { liveNodes, saliencyWeights } from '../../graph/grad.js';
import type { Graph, ParamSpec } from '../../graph/ir.js';
import { checkpointedGrads } from '../../graph/checkpoint.js';
import type { InitScheme } from '../../graph/init.js';
import type { ProxyContext } from '../types.js';

export interface LossGrads {
  loss: number;
  /** Weight name -> dL/dW (owned by the context). */
  grads: Map<string, tf.Tensor>;
  weights: string[];
  /** Fisher's F_k = ½ mean_n (Σ_hw a·δ)² per output channel of each live conv/dense layer (default pass only). */
  fisher?: Array<{ layer: ParamSpec; F: Float32Array }>;
}

export function crossEntropy(logits: tf.Tensor, onehot: tf.Tensor): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
}

/** exp whose gradient recomputes exp from the input: tfjs's Exp gradient reuses its saved output, which a second
 * differentiation gets wrong. */
const exp2 = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
  save([z]);
  return { value: tf.exp(z), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, exp2(saved[0])) };
}) as never) as unknown as (z: tf.Tensor) => tf.Tensor;

/**
 * The same mean cross-entropy, differentiable twice (tfjs's softmaxCrossEntropy gradient reuses saved outputs).
 * The log-sum-exp shift is a per-row constant read off the logits (its derivative cancels exactly), so it is
 * taken outside the tape.
 */
export function crossEntropy2(logits: tf.Tensor, onehot: tf.Tensor): tf.Scalar {
  const shift = tf.tidy(() => tf.max(logits, 1, true));
  const m = tf.tensor(shift.dataSync(), shift.shape);
  shift.dispose();
  const lse = tf.add(tf.log(tf.sum(exp2(tf.sub(logits, m)), 1)), tf.reshape(m, [-1]));
  return tf.mean(tf.sub(lse, tf.sum(tf.mul(onehot, logits), 1))) as tf.Scalar;
}

export function lossGrads(ctx: ProxyContext, batch = 0, scheme: InitScheme = 'pytorch', n?: number): LossGrads {
  return ctx.shared(`loss-grads:${scheme}:${batch}:${n ?? 'all'}`, () => {
    const weights = saliencyWeights(ctx.graph);
    const x = ctx.input(batch, n);
    const y = ctx.labels(batch, n);
    const withFisher = batch === 0 && scheme === 'pytorch' && n === undefined;
    const layers = withFisher ? fisherLayers(ctx.graph) : [];
    const shapeOf = new Map(ctx.graph.nodes.map((node) => [node.id, node.shape]));
    const zeros = layers.map((l) => tf.zeros([x.shape[0], ...shapeOf.get(l.node)!]));
    const r = checkpointedGrads(ctx.graph, ctx.params(scheme), x, weights, (logits) => crossEntropy(logits, y), {
      additive: new Map(layers.map((l, i) => [l.node, zeros[i]])),
      keep: layers.map((l) => l.node),
    });
    for (const g of r.grads.values()) ctx.own(g);
    const fisher = layers.map((layer) => ({ layer, F: fisherStat(r.kept.get(layer.node)!, r.additiveGrads.get(layer.node)!) }));
    tf.dispose([...zeros, ...r.kept.values(), ...r.additiveGrads.values()]);
    return { loss: r.value, grads: r.grads, weights, ...(withFisher ? { fisher } : {}) };
  });
}

/**
 * lossGrads(ctx, b)'s weight gradients as arrays, nothing kept in the context for b > 0: ZiCo reads up to 1,024
 * batches once each, and keeping every batch's input and gradients would fill the backend's heap. Batch 0 is the
 * shared pass (grad_norm, snip, ... use it too). The same computation as lossGrads, so the values are the same.
 */
export function lossGradArrays(ctx: ProxyContext, b: number): Float32Array[] {
  if (b === 0) {
    const { grads, weights } = lossGrads(ctx, 0);
    return weights.map((w) => grads.get(w)!.dataSync() as Float32Array);
  }
  const batch = ctx.batches[b];
  if (!batch) throw new Error(`calibration batch ${b} requested but only ${ctx.batches.length} configured (data.batches)`);
  const weights = saliencyWeights(ctx.graph);
  const x = tf.tensor4d(batch.images, [batch.n, batch.height, batch.width, 3]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.labels, 'int32'), ctx.graph.numClasses).toFloat());
  try {
    const r = checkpointedGrads(ctx.graph, ctx.params('pytorch'), x, weights, (logits) => crossEntropy(logits, y), { additive: new Map(), keep: [] });
    const out = weights.map((w) => r.grads.get(w)!.dataSync() as Float32Array);
    tf.dispose([...r.grads.values(), ...r.kept.values(), ...r.additiveGrads.values()]);
    return out;
  } finally {
    tf.dispose([x, y]);
  }
}

/** The conv/dense layers whose output reaches the loss (a dead layer has no δ: the reference scores it 0). */
export function fisherLayers(graph: Graph): ParamSpec[] {
  const live = liveNodes(graph);
  return graph.params.filter((p) => p.role === 'weight' && live.has(p.node));
}

/** F_k = ½ mean_n s_nk², s_nk = Σ_hw a·δ (a: layer output incl. bias, before BN; δ = dL/da). */
function fisherStat(act: tf.Tensor, delta: tf.Tensor): Float32Array {
  const F = tf.tidy(() => {
    const prod = tf.mul(act, delta);
    const s = prod.rank === 4 ? tf.sum(prod, [1, 2]) : prod;
    return tf.mul(tf.mean(tf.square(s), 0), 0.5);
  });
  const values = F.dataSync() as Float32Array;
  F.dispose();
  return values;
}

/** Sum over layers of a per-layer scalar computed inside tidy (the "sum_arr" aggregation of the references). */
export function sumOverLayers(names: string[], perLayer: (name: string) => tf.Scalar): number {
  let total = 0;
  for (const name of names) {
    const t = tf.tidy(() => perLayer(name));
    total += t.dataSync()[0];
    t.dispose();
  }
  return total;
}
