// Several vector-Jacobian products from ONE recorded forward pass (PyTorch's backward(retain_graph=True)).
// tf.grads records a fresh tape for every call and frees it after one backward, so k gradients of one network cost
// k forwards; per-sample gradients of a batch (ntk: one backward per batch row) then pay the forward again for every
// row. tfjs-core has no public way to keep a tape, so this records one through the engine's own tape switch (the
// state tf.grads uses: `gradientDepth`, `activeTape`) and walks it backward as often as asked. Each walk runs the
// same registered gradient functions, on the same saved tensors, in the same order as tf.grads, so its gradients
// are tf.grads's bit for bit (test/engine/retained-tape.test.ts). Checked against the pinned tfjs-core: if the engine
// no longer has these fields, recording fails with a message instead of computing something else.
import * as tf from '@tensorflow/tfjs';

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: Array<tf.Tensor | null>) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

interface EngineTapeState {
  gradientDepth: number;
  nextTapeNodeId: number;
  activeTape?: TapeNode[] | null;
}

function tapeState(): EngineTapeState {
  const state = (tf.engine() as unknown as { state?: Partial<EngineTapeState> }).state;
  // activeTape is absent until the first gradient computation and null after one: only its type is checked.
  if (!state || typeof state.gradientDepth !== 'number' || typeof state.nextTapeNodeId !== 'number' ||
    (state.activeTape != null && !Array.isArray(state.activeTape))) {
    throw new Error(`retained tape: this tfjs-core (${tf.version_core}) has no engine tape state; it was written for 4.22`);
  }
  if (state.gradientDepth !== 0) throw new Error('retained tape: cannot record inside another gradient computation');
  return state as EngineTapeState;
}

/** The nodes on a path from xs to y, each with only the inputs that depend on xs (as tf.grads prunes them). */
function pathFromTo(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const reached = tape.filter((node) => {
    if (!Object.values(node.inputs).some((t) => fromX.has(t.id))) return false;
    for (const o of node.outputs) fromX.add(o.id);
    return true;
  });
  const toY = new Set([y.id]);
  const needed = new Set<TapeNode>();
  for (let k = reached.length - 1; k >= 0; k--) {
    const node = reached[k];
    if (!node.outputs.some((o) => toY.has(o.id))) continue;
    needed.add(node);
    for (const t of Object.values(node.inputs)) toY.add(t.id);
  }
  return reached.filter((n) => needed.has(n))
    .map((n) => ({ ...n, inputs: Object.fromEntries(Object.entries(n.inputs).filter(([, t]) => fromX.has(t.id))) }));
}

export interface RetainedTape {
  /** The recorded output (caller disposes it, or leaves it to dispose()). */
  y: tf.Tensor;
  /** d<y, dy>/dx for every x of the recording; zeros where y does not depend on x. Caller disposes. */
  vjp(dy: tf.Tensor): tf.Tensor[];
  /** Frees the tensors the tape saved for its backward passes (and y). */
  dispose(): void;
}

/** Runs f once with the tape on; the returned tape answers any number of vjp calls. */
export function recordTape(xs: tf.Tensor[], f: () => tf.Tensor): RetainedTape {
  const state = tapeState();
  const tape: TapeNode[] = [];
  const freeSaved = () => { for (const node of tape) for (const t of node.saved ?? []) t.dispose(); };
  state.activeTape = tape;
  state.gradientDepth = 1;
  let y: tf.Tensor;
  try {
    y = tf.tidy(f);
  } catch (e) {
    freeSaved();
    throw e;
  } finally {
    state.gradientDepth = 0;
    state.activeTape = null;
  }
  const path = pathFromTo(tape, xs, y);
  if (!path.length) { freeSaved(); y.dispose(); throw new Error('retained tape: the output does not depend on any of the inputs'); }
  return {
    y,
    vjp(dy: tf.Tensor): tf.Tensor[] {
      if (dy.dtype !== 'float32' || !tf.util.arraysEqual(dy.shape, y.shape)) {
        throw new Error(`retained tape: dy must be float32 of shape [${y.shape}], got ${dy.dtype} [${dy.shape}]`);
      }
      return tf.tidy(() => {
        const grad = new Map<number, tf.Tensor>([[y.id, dy]]);
        for (let k = path.length - 1; k >= 0; k--) {
          const node = path[k];
          if (!node.gradient) throw new Error(`retained tape: no gradient registered for ${node.kernelName}`);
          const byInput = node.gradient(node.outputs.map((o) => grad.get(o.id) ?? null));
          for (const [name, x] of Object.entries(node.inputs)) {
            const dx = tf.tidy(() => byInput[name]());
            const sum = grad.get(x.id);
            grad.set(x.id, sum ? tf.add(sum, dx) : dx);
          }
        }
        return xs.map((x) => grad.get(x.id) ?? tf.zerosLike(x));
      });
    },
    dispose(): void {
      freeSaved();
      y.dispose();
    },
  };
}
