// onnxruntime-node as a latency engine: the network exported to ONNX in memory (onnx-export.ts), timed by a
// native CPU runtime, as many users deploy. It is an optional dependency (a native addon, ~45 MB for linux-x64):
// where it does not load, `auto` falls back to the tfjs workload, and an explicit `onnxruntime` fails saying why.
// The package is imported through a variable specifier and typed here, so that neither tsc nor esbuild needs it.
// It is looked up beside this module first (a checkout, an npm install of zsnas), then in the current directory's
// node_modules (a bundled copy of zsnas run in a project that installed onnxruntime-node itself).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ORT_PACKAGE = 'onnxruntime-node';

/** The part of onnxruntime-node's API used here. */
export interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
  dispose?(): void;
}
export interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface OrtModule {
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  env: { versions?: { node?: string; common?: string } };
}

export interface OrtRuntime {
  ort: OrtModule;
  version: string;
}

let loaded: Promise<OrtRuntime> | undefined;

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] ?? text;
}

/** Loads onnxruntime-node once; rejects with a message that says how to install it. */
export function loadOrt(): Promise<OrtRuntime> {
  loaded ??= (async () => {
    const specifier = ORT_PACKAGE; // a variable: tsc and esbuild leave this optional native package alone
    let mod: OrtModule & { default?: OrtModule };
    try {
      mod = (await import(specifier)) as OrtModule & { default?: OrtModule };
    } catch (e) {
      let fromCwd: string | undefined;
      try {
        fromCwd = createRequire(join(process.cwd(), 'package.json')).resolve(specifier);
      } catch { /* not installed in the current directory either */ }
      const missing = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
      if (!fromCwd || !missing) {
        throw new Error(missing
          ? `${ORT_PACKAGE} is not installed (ONNXRUNTIME_NODE_INSTALL=skip npm i ${ORT_PACKAGE} adds it, CPU binaries only)`
          : `${ORT_PACKAGE} could not be loaded: ${firstLine(e)}`);
      }
      try {
        mod = (await import(pathToFileURL(fromCwd).href)) as OrtModule & { default?: OrtModule };
      } catch (e2) {
        throw new Error(`${ORT_PACKAGE} in ${process.cwd()}/node_modules could not be loaded (${firstLine(e2)})`);
      }
    }
    const ort = mod.InferenceSession ? mod : mod.default;
    if (!ort?.InferenceSession || !ort.Tensor) throw new Error(`${ORT_PACKAGE} loaded but has no InferenceSession / Tensor`);
    return { ort, version: ort.env?.versions?.node ?? ort.env?.versions?.common ?? 'unknown' };
  })();
  // A failed load is not cached as success, but retrying cannot succeed in the same process either: keep it.
  return loaded;
}

export interface OrtSessionOptions {
  /** Intra-op threads (default 1: the A/B rule samples this process's CPU clock, and one thread keeps it honest). */
  threads: number;
}

/**
 * Session options for timing. onnxruntime's thread pools spin-wait between ops by default; a spinning worker
 * burns CPU that process.cpuUsage() counts and that neighbours on a shared runner lose, so spinning is off.
 * Sequential execution: one inference is one chain of kernels, as on a deployed single-stream service.
 */
export function timingSessionOptions(opts: OrtSessionOptions): Record<string, unknown> {
  return {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: opts.threads,
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
}
