// onnxruntime-node for tests: an optional dependency. Absent (a user's install without it): skip with a message;
// under CI=true it must load (CI installs it), so its absence fails.
import { loadOrt, type OrtRuntime } from '../../src/latency/ort-engine.js';

export async function ortOrSkip(): Promise<{ rt: OrtRuntime; skip: false } | { rt?: undefined; skip: string }> {
  try {
    return { rt: await loadOrt(), skip: false };
  } catch (e) {
    const msg = `onnxruntime-node is not installed here: ${(e as Error).message}`;
    if (process.env.CI === 'true') throw new Error(`${msg}; it must load under CI=true`);
    return { skip: msg };
  }
}
