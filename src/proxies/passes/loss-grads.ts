// The one forward+backward of the mean cross-entropy loss that grad_norm, snip, plain, fisher, grasp's g and
// ZiCo's batches share: conv/dense weight gradients at PyTorch default init, train-mode BN, calibration batch b.
// On the default pass (batch 0, whole batch) the same backward also yields Fisher's per-channel statistics:
// zeros added to every live conv/dense output give dL/d(output) at no extra pass.
// The pass runs on onnxruntime where the context's engine allows it (grad-engine.ts), on tfjs otherwise: the
// same values to float32 precision (test/proxies/onnx-grad-*.test.ts).
import * as tf from '@tensorflow/tfjs';
import { liveNodes, saliencyWeights } from '../../graph/grad.js';
import type { Graph, ParamSpec } from '../../graph/ir.js';
import { checkpointedGrads } from '../../graph/checkpoint.js';
import type { InitScheme } from '../../graph/init.js';
import type { ProxyContext } from '../types.js';
import { ortFeeds, ortGradSession, type EngineNote, type OrtModelKind } from './grad-engine.js';

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

export async function lossGrads(ctx: ProxyContext, batch = 0, scheme: InitScheme = 'pytorch', n?: number): Promise<LossGrads> {
  const r = await ctx.shared(`loss-grads:${scheme}:${batch}:${n ?? 'all'}`, async (): Promise<LossGrads & { note: EngineNote }> => {
    const weights = saliencyWeights(ctx.graph);
    const withFisher = batch === 0 && scheme === 'pytorch' && n === undefined;
    const layers = withFisher ? fisherLayers(ctx.graph) : [];
    const count = ctx.input(batch, n).shape[0];
    const { session, note } = await ortGradSession(ctx, sharedModel(ctx, count));
    if (session) {
      const r = await session.run(ortFeeds(ctx, batch, n, scheme));
      const grads = new Map(ctx.graph.params.filter((p) => weights.includes(p.name)).map((p) =>
        [p.name, ctx.own(tf.tensor(r.grads.get(p.name) ?? new Float32Array(p.shape.reduce((a, b) => a * b, 1)), p.shape))]));
      // A layer with no Fisher output is one the backward never reaches (its output feeds only `none` edges, which
      // multiply by zero): dL/da = 0, so F = 0, as the tfjs pass gives.
      const channels = (id: string) => ctx.graph.nodes.find((x) => x.id === id)?.shape.at(-1) ?? 0;
      const fisher = layers.map((layer) => ({ layer, F: r.fisher.get(layer.node) ?? new Float32Array(channels(layer.node)) }));
      return { loss: r.loss, grads, weights, ...(withFisher ? { fisher } : {}), note };
    }
    return { ...tfjsLossGrads(ctx, batch, scheme, n, weights, layers, withFisher), note };
  });
  // Every proxy reading the shared pass names the engine that computed it (run.json), not only the first.
  ctx.noteEngine?.(r.note);
  return r;
}

/**
 * The model every cross-entropy pass of an arch shares (one session): every weight gradient and Fisher's
 * statistics (cheap next to the backward; ZiCo's batches ignore them).
 */
function sharedModel(ctx: ProxyContext, batch: number): OrtModelKind {
  return { loss: 'cross-entropy', batch, weights: saliencyWeights(ctx.graph), fisher: fisherLayers(ctx.graph).map((l) => l.node) };
}

function tfjsLossGrads(ctx: ProxyContext, batch: number, scheme: InitScheme, n: number | undefined, weights: string[],
  layers: ParamSpec[], withFisher: boolean): LossGrads {
  const x = ctx.input(batch, n);
  const y = ctx.labels(batch, n);
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
}

/**
 * lossGrads(ctx, b)'s weight gradients as arrays, nothing kept in the context for b > 0: ZiCo reads up to 1,024
 * batches once each, and keeping every batch's input and gradients would fill the backend's heap. Batch 0 is the
 * shared pass (grad_norm, snip, ... use it too). The same computation as lossGrads, so the values are the same.
 */
export async function lossGradArrays(ctx: ProxyContext, b: number): Promise<Float32Array[]> {
  if (b === 0) {
    const { grads, weights } = await lossGrads(ctx, 0);
    return weights.map((w) => grads.get(w)!.dataSync() as Float32Array);
  }
  const batch = ctx.batches[b];
  if (!batch) throw new Error(`calibration batch ${b} requested but only ${ctx.batches.length} configured (data.batches)`);
  const weights = saliencyWeights(ctx.graph);
  const { session, note } = await ortGradSession(ctx, sharedModel(ctx, batch.n));
  ctx.noteEngine?.(note);
  if (session) {
    const r = await session.run(ortFeeds(ctx, b, undefined, 'pytorch'));
    const shapes = new Map(ctx.graph.params.map((p) => [p.name, p.shape]));
    return weights.map((w) => r.grads.get(w) ?? new Float32Array(shapes.get(w)!.reduce((a, c) => a * c, 1)));
  }
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
