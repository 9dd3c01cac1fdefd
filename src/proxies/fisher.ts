import * as tf from '@tensorflow/tfjs';
import { checkpointedGrads } from '../graph/checkpoint.js';
import { liveNodes } from '../graph/grad.js';
import type { Graph, ParamSpec } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { crossEntropy } from './passes/loss-grads.js';
import type { ProxyContext } from './types.js';

/** The conv/dense layers whose output reaches the loss (a dead layer has no δ: the reference scores it 0). */
function fisherLayers(graph: Graph): ParamSpec[] {
  const live = liveNodes(graph);
  return graph.params.filter((p) => p.role === 'weight' && live.has(p.node));
}

/**
 * Per layer: activations a (the conv/dense node output, incl. its bias, before any BN) and δ = dL/da. δ comes
 * from the executor's `additive` hook: zeros added to each layer output, differentiated against.
 * Returns F_k = ½ mean_n (Σ_hw a·δ)² per output channel, one array per layer.
 */
export function fisherPerChannel(ctx: ProxyContext): { layer: ParamSpec; F: Float32Array }[] {
  const graph = ctx.graph;
  const layers = fisherLayers(graph);
  if (!layers.length) return [];
  const x = ctx.input(0);
  const y = ctx.labels(0);
  const params = ctx.params();
  const n = x.shape[0];
  const shapeOf = new Map(graph.nodes.map((node) => [node.id, node.shape]));
  const zeros = layers.map((l) => tf.zeros([n, ...shapeOf.get(l.node)!]));
  let acts: tf.Tensor[] = [];
  let deltas: tf.Tensor[] = [];
  const r = checkpointedGrads(graph, params, x, [], (logits) => crossEntropy(logits, y), {
    additive: new Map(layers.map((l, i) => [l.node, zeros[i]])),
    keep: layers.map((l) => l.node),
  });
  try {
    acts = layers.map((l) => r.kept.get(l.node)!);
    deltas = layers.map((l) => r.additiveGrads.get(l.node)!);
    return layers.map((layer, i) => {
      const F = tf.tidy(() => {
        const prod = tf.mul(acts[i], deltas[i]);
        const s = prod.rank === 4 ? tf.sum(prod, [1, 2]) : prod;
        return tf.mul(tf.mean(tf.square(s), 0), 0.5);
      });
      const values = F.dataSync() as Float32Array;
      F.dispose();
      return { layer, F: values };
    });
  } finally {
    for (const t of [...zeros, ...acts, ...deltas]) if (!t.isDisposed) t.dispose();
  }
}

/**
 * score = Σ_l Σ_k F_k · (fan-in of output channel k): the reference broadcasts each channel's F_k to every weight
 * of that channel (C_in·k_h·k_w for conv, in_features for dense) before summing, and so do we.
 */
export default registerProxy({
  name: 'fisher',
  description: 'Fisher: Σ_layers Σ_channels ½·mean_n(Σ_hw a·dL/da)² × channel fan-in, a = conv/dense output before BN; ' +
    'PyTorch default init, train-mode BN, CE loss.',
  // paramGrads: it costs one backward pass like the weight-gradient proxies (the gradients are w.r.t. activations).
  needs: { data: true, labels: true, paramGrads: true, inputGrads: false, perSample: false },
  direction: 1,
  defaults: {},
  reference: 'SamsungLabs zero-cost-nas fisher (compute_fisher_per_weight, broadcast to weights, summed)',
  compute: (ctx) => {
    let total = 0;
    for (const { layer, F } of fisherPerChannel(ctx)) {
      let s = 0;
      for (const v of F) s += Math.abs(v);
      total += s * layer.fanIn;
    }
    return total;
  },
});
