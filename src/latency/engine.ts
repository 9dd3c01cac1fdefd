// Which engine times latency. onnxruntime (the graph exported to ONNX, run natively) measures the network rather
// than TensorFlow.js's wasm kernels and takes several times more samples per second; tfjs is the fallback where
// onnxruntime-node is not installed. `auto` says once why it fell back. Latencies of different engines, versions
// or thread settings are never compared as like for like (fingerprint.ts).
import type { Graph } from '../graph/ir.js';
import type { LatencyConfig, LatencyEngineChoice } from '../spec/types.js';
import { networkWorkload, type NetworkWorkload } from './networks.js';
import { loadOrt, type OrtRuntime } from './ort-engine.js';
import { ortNetworkWorkload } from './ort-workload.js';

export type LatencyEngineName = 'onnxruntime' | 'tfjs';

export interface LatencyEngine {
  name: LatencyEngineName;
  /** onnxruntime-node's version, or the tfjs version. */
  version: string;
  /** Intra-op threads (onnxruntime), or the tfjs backend's thread count. */
  threads: number;
  /** Why `auto` did not get onnxruntime. */
  fallbackReason?: string;
  runtime?: OrtRuntime;
}

export const DEFAULT_ORT_THREADS = 1;

/** The env var ZSNAS_LATENCY_ENGINE overrides `auto` only (as ZSNAS_BACKEND does for the tfjs backend). */
function effectiveChoice(cfg: LatencyConfig): LatencyEngineChoice {
  const choice = cfg.engine ?? 'auto';
  const env = process.env.ZSNAS_LATENCY_ENGINE?.trim().toLowerCase();
  if (choice !== 'auto' || !env) return choice;
  if (env !== 'onnxruntime' && env !== 'tfjs' && env !== 'auto') {
    throw new Error(`env ZSNAS_LATENCY_ENGINE: unknown engine '${env}'; expected auto, onnxruntime or tfjs`);
  }
  return env;
}

/**
 * Resolves the spec's latency engine. `tfjs` is the tfjs backend already initialised for scoring (its name,
 * version and threads). An explicit `onnxruntime` that cannot load throws, saying how to install it.
 */
export async function resolveLatencyEngine(
  cfg: LatencyConfig, tfjs: { version: string; threads: number },
): Promise<LatencyEngine> {
  const choice = effectiveChoice(cfg);
  const onTfjs = (fallbackReason?: string): LatencyEngine => ({
    name: 'tfjs', version: tfjs.version, threads: tfjs.threads, ...(fallbackReason ? { fallbackReason } : {}),
  });
  if (choice === 'tfjs') return onTfjs();
  try {
    const runtime = await loadOrt();
    return { name: 'onnxruntime', version: runtime.version, threads: cfg.threads ?? DEFAULT_ORT_THREADS, runtime };
  } catch (e) {
    if (choice === 'onnxruntime') throw new Error(`latency.engine onnxruntime: ${(e as Error).message}`);
    return onTfjs((e as Error).message);
  }
}

/** One line for logs and reports: "onnxruntime 1.30.0, 1 thread". */
export function describeEngine(e: Pick<LatencyEngine, 'name' | 'version' | 'threads'>): string {
  return `${e.name} ${e.version}, ${e.threads} thread${e.threads === 1 ? '' : 's'}`;
}

/** A latency workload of one arch and batch on the engine (caller disposes it). */
export async function createNetworkWorkload(
  engine: LatencyEngine, graph: Graph, arch: string, batch: number, seed: number,
): Promise<NetworkWorkload> {
  if (engine.name === 'onnxruntime' && engine.runtime) {
    return ortNetworkWorkload(engine.runtime, graph, arch, batch, seed, { threads: engine.threads });
  }
  return networkWorkload(graph, arch, batch, seed);
}
