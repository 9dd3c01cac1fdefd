// A latency workload on onnxruntime: the graph exported at its seeded init (the tfjs workload's weights), one
// session per arch and batch, the same seeded input as the tfjs workload (transposed to NCHW). The output is
// materialised by the native run before the promise resolves, so the timed region covers the whole inference.
import type { Graph } from '../graph/ir.js';
import { Rng } from '../engine/rng.js';
import type { NetworkWorkload } from './networks.js';
import { exportOnnx, INPUT_NAME } from './onnx-export.js';
import { timingSessionOptions, type OrtRuntime, type OrtSessionOptions } from './ort-engine.js';

/** NHWC -> NCHW of a batch of images. */
export function toNchw(x: Float32Array, [n, h, w, c]: readonly number[]): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++) for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let k = 0; k < c; k++) {
    out[((b * c + k) * h + i) * w + j] = x[((b * h + i) * w + j) * c + k];
  }
  return out;
}

export async function ortNetworkWorkload(
  rt: OrtRuntime, graph: Graph, arch: string, batch: number, seed: number, opts: OrtSessionOptions,
): Promise<NetworkWorkload> {
  const [h, w, c] = graph.inputShape;
  const model = exportOnnx(graph, { seed, archKey: arch, batch });
  const session = await rt.ort.InferenceSession.create(model, timingSessionOptions(opts));
  const nhwc = Rng.keyed(seed, 'latency-input', batch).fillNormal(new Float32Array(batch * h * w * c));
  const input = new rt.ort.Tensor('float32', toNchw(nhwc, [batch, h, w, c]), [batch, c, h, w]);
  let released = false;
  return {
    key: `${arch}@${batch}`,
    batch,
    async run() {
      const out = await session.run({ [INPUT_NAME]: input });
      for (const t of Object.values(out)) t.dispose?.();
    },
    dispose() {
      if (released) return;
      released = true;
      input.dispose?.();
      // release() frees the native session; its promise settles at once (nothing to wait for on the CPU provider).
      void session.release().catch(() => {});
    },
  };
}
