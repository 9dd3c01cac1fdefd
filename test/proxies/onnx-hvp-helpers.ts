// Shared by the Hessian-vector tests: H·v from the onnxruntime tangent model (onnx-grad/tangent.ts) next to tfjs's
// exact double backprop (grasp.ts exactHessianGrad, tf.grads of tf.grads with the second-order kernels registered),
// same weights, batch, labels and direction v (random, or the loss gradient as GraSP uses it).
import * as tf from '@tensorflow/tfjs';
import { execute } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import type { Graph } from '../../src/graph/ir.js';
import { exactHessianGrad } from '../../src/proxies/grasp.js';
import { crossEntropy2 } from '../../src/proxies/passes/loss-grads.js';
import { GradSession } from '../../src/proxies/onnx-grad/session.js';
import { maxRel } from './onnx-grad-helpers.js';

export interface HvpCompared {
  /** max |ort − tfjs| / max |tfjs| of H·v per weight name. */
  rel: Map<string, number>;
  /** Σ_w Σ W ⊙ Hv on both engines (GraSP's sum, without its sign). */
  dotOrt: number;
  dotTfjs: number;
  /** Σ |W ⊙ Hv| (tfjs): the scale against which the sums' rounding is judged (their terms cancel). */
  absTfjs: number;
  /** Whether the session was released. */
  released: boolean;
}

/** H·v on both engines for every conv/dense weight of `graph` at seeded weights and images; v random unless
 * `alongGradient` (then v = the onnxruntime model's own loss gradient, fed back in a second run). */
export async function compareHvpWithTfjs(graph: Graph, batch: number, opts: { seed?: number; alongGradient?: boolean } = {}): Promise<HvpCompared> {
  const seed = opts.seed ?? 5;
  const params = initParams(graph, seed, graph.name);
  const [h, w, c] = graph.inputShape;
  const x = tf.randomNormal([batch, h, w, c], 0, 1, 'float32', seed) as tf.Tensor4D;
  const labels = Array.from({ length: batch }, (_, i) => (i * 3 + 1) % graph.numClasses);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), graph.numClasses).toFloat()) as tf.Tensor2D;
  const weights = saliencyWeights(graph);
  const session = await GradSession.create(graph, { batch, loss: 'cross-entropy', weights, hvp: true });
  let released = false;
  const v = new Map<string, tf.Tensor>();
  try {
    const feeds = {
      images: Float32Array.from(x.dataSync()), labels: Float32Array.from(y.dataSync()),
      params: new Map(graph.params.map((p) => [p.name, Float32Array.from(params[p.name].dataSync())])),
    };
    let tangents: Map<string, Float32Array> = new Map(weights.map((n, k) => {
      const r = tf.randomNormal(params[n].shape, 0, 1, 'float32', seed + k);
      const a = Float32Array.from(r.dataSync());
      r.dispose();
      return [n, a] as const;
    }));
    if (opts.alongGradient) {
      const first = await session.run({ ...feeds, tangents });
      tangents = new Map(weights.map((n) => [n, first.grads.get(n) ?? new Float32Array(params[n].size)]));
    }
    for (const n of weights) v.set(n, tf.tensor(tangents.get(n)!, params[n].shape));
    const out = await session.run({ ...feeds, tangents });
    const exact = exactHessianGrad(graph, params, weights, v, (p) => crossEntropy2(execute(graph, p, x).logits, y));
    const rel = new Map<string, number>();
    let dotOrt = 0, dotTfjs = 0, absTfjs = 0;
    for (const n of weights) {
      const ref = exact.get(n)!.dataSync();
      const got = out.hvp.get(n) ?? new Float32Array(ref.length);
      rel.set(n, maxRel(got, ref));
      const wv = params[n].dataSync();
      for (let k = 0; k < ref.length; k++) { dotOrt += wv[k] * got[k]; dotTfjs += wv[k] * ref[k]; absTfjs += Math.abs(wv[k] * ref[k]); }
    }
    tf.dispose([...exact.values()]);
    await session.release();
    released = true;
    return { rel, dotOrt, dotTfjs, absTfjs, released };
  } finally {
    if (!released) await session.release();
    disposeParams(params);
    tf.dispose([x, y, ...v.values()]);
  }
}
