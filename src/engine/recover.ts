// Keeping the engine usable after one arch breaks it. When an arch exhausts the wasm heap, the Emscripten module
// aborts: every later call fails in microseconds with "Aborted()" and the tensors it held can no longer be freed.
// resetBackend drops the dead backend and its tensor bookkeeping without calling into it, and starts a fresh one.
// The Emscripten loader also installs process listeners that rethrow any unhandled rejection or exception (a user
// proxy module's stray promise would end the run with a stack trace); quietModuleListeners removes them so the run
// decides what such an error means.
import * as tf from '@tensorflow/tfjs';

/** True when a trivial op runs on the current backend. */
export function backendHealthy(): boolean {
  try {
    return tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]) === 3;
  } catch {
    return false;
  }
}

interface EngineInternals {
  registry: Record<string, { dispose(): void }>;
  state: { dispose(): void; constructor: new () => unknown };
  backendName: string | null;
  backendInstance: unknown;
  pendingBackendInit: unknown;
  pendingBackendInitId: number;
  disposeRegisteredKernels(name: string): void;
}

/** Replaces the current backend by a fresh instance of the same kind; every tensor is gone afterwards. */
export async function resetBackend(): Promise<void> {
  const name = tf.getBackend();
  const eng = tf.engine() as unknown as EngineInternals;
  eng.pendingBackendInitId++;
  try { eng.state.dispose(); } catch { /* a dead backend cannot free variables: they go with it */ }
  eng.state = new eng.state.constructor() as EngineInternals['state'];
  try { eng.disposeRegisteredKernels(name); eng.registry[name]?.dispose(); } catch { /* same */ }
  delete eng.registry[name];
  eng.backendName = null;
  eng.backendInstance = null;
  eng.pendingBackendInit = null;
  await quietModuleListeners(async () => {
    if (!(await tf.setBackend(name))) throw new Error(`backend ${name} could not be restarted`);
    await tf.ready();
  });
}

/** Runs `init` and removes the process-wide error listeners it added (the Emscripten loader's rethrowers). */
export async function quietModuleListeners<T>(init: () => Promise<T>): Promise<T> {
  const events = ['unhandledRejection', 'uncaughtException'] as const;
  const listeners = (e: string) => process.listeners(e as 'unhandledRejection');
  const before = events.map((e) => new Set<unknown>(listeners(e)));
  try {
    return await init();
  } finally {
    events.forEach((e, k) => {
      for (const l of listeners(e)) if (!before[k].has(l)) process.removeListener(e as 'unhandledRejection', l);
    });
  }
}
