// Kernel replacements for the wasm backend: the gradients it lacks, and a faster Conv2DBackpropInput.
// All of them are written with the backend's own forward kernels (XNNPACK conv, transpose, pad, ...).
import * as tf from '@tensorflow/tfjs';
// Imported for its side effect: the stock wasm kernels must be registered before we replace them.
import '@tensorflow/tfjs-backend-wasm';
import { conv2DBackpropFilter, conv2DBackpropInput } from './conv-grads.js';
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise-grads.js';
import { rememberStockKernel, stockKernelConfig } from './kernel-scope.js';

const BACKEND = 'wasm';

const replacements: Record<string, tf.KernelFunc> = {
  [tf.Conv2DBackpropFilter]: conv2DBackpropFilter as unknown as tf.KernelFunc,
  [tf.Conv2DBackpropInput]: conv2DBackpropInput as unknown as tf.KernelFunc,
  [tf.DepthwiseConv2dNativeBackpropFilter]: depthwiseBackpropFilter as unknown as tf.KernelFunc,
  [tf.DepthwiseConv2dNativeBackpropInput]: depthwiseBackpropInput as unknown as tf.KernelFunc,
};

/** The kernels registered here, for reports and tests. */
export const WASM_REPLACED_KERNELS: readonly string[] = Object.keys(replacements);

/** True when our replacement, not the stock kernel, is registered for `kernelName` on wasm. */
export function isReplaced(kernelName: string): boolean {
  const func = replacements[kernelName];
  return func != null && tf.getKernel(kernelName, BACKEND)?.kernelFunc === func;
}

/**
 * Registers the replacements for backend 'wasm'. Idempotent. Safe before or after the backend is initialised:
 * a replaced stock kernel's setupFunc is carried over, so the stock kernel stays callable as a fallback.
 */
export function registerWasmGradKernels(): void {
  for (const kernelName of WASM_REPLACED_KERNELS) {
    if (isReplaced(kernelName)) continue;
    const existing = tf.getKernel(kernelName, BACKEND);
    if (existing != null) {
      rememberStockKernel(existing);
      // Unregister first: registering over an existing kernel only warns and keeps the old one.
      tf.unregisterKernel(kernelName, BACKEND);
    }
    tf.registerKernel({
      kernelName, backendName: BACKEND, kernelFunc: replacements[kernelName], setupFunc: existing?.setupFunc,
    });
  }
}

/** Puts the stock kernels back where there were any (benchmarks compare stock and replacement). */
export function unregisterWasmGradKernels(): void {
  for (const kernelName of WASM_REPLACED_KERNELS) {
    if (!isReplaced(kernelName)) continue;
    tf.unregisterKernel(kernelName, BACKEND);
    const stock = stockKernelConfig(kernelName);
    if (stock != null) tf.registerKernel(stock);
  }
}
