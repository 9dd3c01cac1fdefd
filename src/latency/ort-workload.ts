// A latency workload on onnxruntime: the graph exported at its seeded init (the tfjs workload's weights), one
// session per arch and batch, the same seeded input as the tfjs workload (transposed to NCHW). The output is
// materialised by the native run before the promise resolves, so the timed region covers the whole inference.
// Byte-identical models share one session: two sessions of the same model differ persistently by a few percent
// (measured 2-7% on sub-millisecond NB201 cells: where the allocator happened to put their weights and buffers),
// which would show as a latency change between a PR's base and head for an arch the PR did not touch.
import { createHash } from 'node:crypto';
import type { Graph } from '../graph/ir.js';
import { Rng } from '../engine/rng.js';
import type { NetworkWorkload } from './networks.js';
import { exportOnnx, INPUT_NAME } from './onnx-export.js';
import { timingSessionOptions, type OrtRuntime, type OrtSession, type OrtSessionOptions, type OrtTensor } from './ort-engine.js';

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
  // The input is a function of (seed, batch, shape) and the shape is in the model: the model's bytes and the seed decide all.
  const id = `${createHash('sha256').update(model).digest('hex')}/${seed}/${opts.threads}`;
  let entry = shared.get(id);
  if (!entry) {
    const created = (async () => {
      const session = await rt.ort.InferenceSession.create(model, timingSessionOptions(opts));
      const nhwc = Rng.keyed(seed, 'latency-input', batch).fillNormal(new Float32Array(batch * h * w * c));
      return { session, input: new rt.ort.Tensor('float32', toNchw(nhwc, [batch, h, w, c]), [batch, c, h, w]) };
    })();
    entry = { native: created, refs: 0 };
    shared.set(id, entry);
    created.catch(() => shared.delete(id));
  }
  const held = entry;
  held.refs++;
  let native: Awaited<SharedSession['native']>;
  try {
    native = await held.native;
  } catch (e) {
    held.refs--;
    throw e;
  }
  let released = false;
  return {
    key: `${arch}@${batch}`,
    batch,
    async run() {
      const out = await native.session.run({ [INPUT_NAME]: native.input });
      for (const t of Object.values(out)) t.dispose?.();
    },
    dispose() {
      if (released) return;
      released = true;
      if (--held.refs > 0) return;
      shared.delete(id);
      native.input.dispose?.();
      // release() frees the native session; its promise settles at once (nothing to wait for on the CPU provider).
      void native.session.release().catch(() => {});
    },
  };
}

interface SharedSession {
  native: Promise<{ session: OrtSession; input: OrtTensor }>;
  refs: number;
}

/** Live sessions by model hash, seed and threads, counted by the workloads that hold them. */
const shared = new Map<string, SharedSession>();

/** How many distinct sessions are alive (tests: every workload disposed -> 0). */
export function liveOrtSessions(): number {
  return shared.size;
}
