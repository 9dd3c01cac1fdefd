// Latency workloads for networks: inference (BN with running statistics, as deployed) at a fixed batch, the
// result read back inside the timed region. Weights are the seeded init: latency does not depend on values.
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../graph/execute.js';
import { disposeParams, initParams } from '../graph/init.js';
import type { Graph } from '../graph/ir.js';
import { Rng } from '../engine/rng.js';
import type { LatencyWorkload } from './measure.js';

export interface NetworkWorkload extends LatencyWorkload {
  dispose(): void;
}

export function networkWorkload(graph: Graph, arch: string, batch: number, seed: number): NetworkWorkload {
  const params: ParamMap = initParams(graph, seed, arch);
  const [h, w, c] = graph.inputShape;
  const x = tf.tensor4d(Rng.keyed(seed, 'latency-input', batch).fillNormal(new Float32Array(batch * h * w * c)), [batch, h, w, c]);
  return {
    key: `${arch}@${batch}`,
    batch,
    async run() {
      const y = tf.tidy(() => execute(graph, params, x, { bn: 'running' }).logits);
      try {
        await y.data();
      } finally {
        y.dispose();
      }
    },
    dispose() {
      disposeParams(params);
      x.dispose();
    },
  };
}
