// Calls other wasm kernels from inside a kernel, at the backend level: no engine bookkeeping, no tape entries,
// so a replacement kernel behaves like a native one inside tf.grad / tf.tidy. Every intermediate is freed when
// the scope closes, except the one result handed back to the engine.
import * as tf from '@tensorflow/tfjs';

/** What these kernels need from the wasm backend object (`BackendWasm` is not exported as a type we can use). */
export interface RefCountedBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

export type Attrs = Record<string, unknown>;

/** What a kernelFunc receives, with the input names of one kernel. */
export interface KernelArgs<Names extends string> {
  inputs: Record<Names, tf.TensorInfo>;
  backend: object;
  attrs?: tf.NamedAttrMap;
}

/** The kernels that were registered before ours replaced them (stock ones we may fall back on or restore). */
const stock = new Map<string, tf.KernelConfig>();

export function rememberStockKernel(config: tf.KernelConfig): void {
  if (!stock.has(config.kernelName)) stock.set(config.kernelName, config);
}

export function stockKernelConfig(kernelName: string): tf.KernelConfig | undefined {
  return stock.get(kernelName);
}

export function stockKernel(kernelName: string): tf.KernelFunc | undefined {
  return stock.get(kernelName)?.kernelFunc;
}

export class KernelScope {
  private readonly owned: tf.TensorInfo[] = [];

  constructor(readonly backend: object, private readonly backendName = 'wasm') {}

  /** Runs a registered kernel (or `func`, e.g. a saved stock kernel) and tracks its output for disposal. */
  run(kernelName: string, inputs: Record<string, tf.TensorInfo>, attrs: Attrs = {}, func?: tf.KernelFunc): tf.TensorInfo {
    const kernelFunc = func ?? tf.getKernel(kernelName, this.backendName)?.kernelFunc;
    if (kernelFunc == null) throw new Error(`kernel ${kernelName} is not registered for backend ${this.backendName}`);
    const out = kernelFunc({ inputs, backend: this.backend, attrs: attrs as tf.NamedAttrMap });
    if (Array.isArray(out)) throw new Error(`kernel ${kernelName} returned several outputs; expected one`);
    this.owned.push(out);
    return out;
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return this.run('Transpose', { x }, { perm });
  }

  /** Tracks an output made directly on the backend (backend.makeOutput). */
  adopt(info: tf.TensorInfo): tf.TensorInfo {
    this.owned.push(info);
    return info;
  }

  owns(info: tf.TensorInfo): boolean {
    return this.owned.includes(info);
  }

  /** Hands `info` over to the caller: it survives close(). */
  keep(info: tf.TensorInfo): tf.TensorInfo {
    const i = this.owned.lastIndexOf(info);
    if (i >= 0) this.owned.splice(i, 1);
    return info;
  }

  close(): void {
    const backend = this.backend as RefCountedBackend;
    for (const info of this.owned) backend.disposeData(info.dataId);
    this.owned.length = 0;
  }
}

/** Runs `body` with a fresh scope; the returned TensorInfo is kept, everything else is freed, even on throw. */
export function withScope(backend: object, body: (s: KernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new KernelScope(backend);
  try {
    const out = body(scope);
    // The engine takes ownership of one reference; an input handed straight back would be freed twice.
    return scope.keep(scope.owns(out) ? out : scope.run('Identity', { x: out }));
  } finally {
    scope.close();
  }
}
