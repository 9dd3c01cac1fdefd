// Shared by the onnx-grad tests: a graph's gradients on onnxruntime (the explicit backward model) next to tfjs
// autodiff of the same graph (graph/checkpoint.ts, what the proxies' tfjs passes run), same weights and batch.
import * as tf from '@tensorflow/tfjs';
import { checkpointedGrads } from '../../src/graph/checkpoint.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import type { Graph } from '../../src/graph/ir.js';
import { crossEntropy } from '../../src/proxies/passes/loss-grads.js';
import { GradSession } from '../../src/proxies/onnx-grad/session.js';
import type { GradLoss } from '../../src/proxies/onnx-grad/build.js';

export interface Compared {
  /** max |ort - tfjs| / max |tfjs| per weight name, and for the input gradient ('images'). */
  rel: Map<string, number>;
  lossOrt: number;
  lossTfjs: number;
}

/** Largest |a - b| over the largest |b| (the scale of the gradient), or the largest |a - b| when b is all zeros. */
export function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0, diff = 0;
  for (let i = 0; i < b.length; i++) { scale = Math.max(scale, Math.abs(b[i])); diff = Math.max(diff, Math.abs(a[i] - b[i])); }
  return scale === 0 ? diff : diff / scale;
}

/** Every conv/dense weight gradient and the input gradient of `graph`, both engines, seeded weights and images. */
export async function compareWithTfjs(graph: Graph, batch: number, loss: GradLoss = 'cross-entropy', seed = 3): Promise<Compared> {
  const params = initParams(graph, seed, graph.name);
  const [h, w, c] = graph.inputShape;
  const x = tf.randomNormal([batch, h, w, c], 0, 1, 'float32', seed) as tf.Tensor4D;
  const labels = Array.from({ length: batch }, (_, i) => (i * 3 + 1) % graph.numClasses);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), graph.numClasses).toFloat());
  const weights = graph.params.filter((p) => p.role === 'weight').map((p) => p.name);
  const session = await GradSession.create(graph, { batch, loss, weights, inputGrad: true });
  try {
    const out = await session.run({
      images: Float32Array.from(x.dataSync()), labels: Float32Array.from(y.dataSync()),
      params: new Map(graph.params.map((p) => [p.name, Float32Array.from(params[p.name].dataSync())])),
    });
    const r = checkpointedGrads(graph, params, x, weights,
      (logits) => (loss === 'cross-entropy' ? crossEntropy(logits, y) : tf.sum(logits)) as tf.Scalar, { inputGrad: true });
    const rel = new Map<string, number>();
    rel.set('images', maxRel(out.inputGrad!, r.inputGrad!.dataSync()));
    for (const name of weights) {
      const ref = r.grads.get(name)!.dataSync();
      rel.set(name, maxRel(out.grads.get(name) ?? new Float32Array(ref.length), ref));
    }
    const lossTfjs = r.value;
    tf.dispose([...r.grads.values(), ...r.kept.values(), ...r.additiveGrads.values(), r.inputGrad!]);
    return { rel, lossOrt: out.loss, lossTfjs };
  } finally {
    await session.release();
    disposeParams(params);
    tf.dispose([x, y]);
  }
}
