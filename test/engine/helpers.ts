// Shared by the engine tests: seeded data, running the same computation on another backend, error measures.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { Rng } from '../../src/engine/rng.js';

export type Shape4 = [number, number, number, number];
export type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** Whether the optional native backend package is installed here (tests of the fallback skip when it is). */
export function tfjsNodeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

export async function useWasm(): Promise<void> {
  delete process.env.ZSNAS_BACKEND;
  await initBackend('wasm');
}

export function seeded(shape: number[], seed: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Rng(seed).fillUniform(new Float32Array(n), -1, 1);
}

/** Runs `fn` on backend `name` (then returns to wasm) and reads its result back. */
export async function on(name: 'wasm' | 'cpu', fn: () => tf.Tensor): Promise<{ data: Float32Array; shape: number[] }> {
  await tf.setBackend(name);
  try {
    const out = tf.tidy(fn);
    const data = out.dataSync() as Float32Array;
    const shape = out.shape;
    out.dispose();
    return { data: Float32Array.from(data), shape };
  } finally {
    await tf.setBackend('wasm');
  }
}

/** Runs kernel `name` directly (no op-level checks or rewrites), on tensors made from the given arrays. */
export function runKernel(
  name: string, inputs: Record<string, { data: Float32Array; shape: number[] }>, attrs: Record<string, unknown>,
): tf.Tensor {
  const tensors: Record<string, tf.Tensor> = {};
  for (const [k, v] of Object.entries(inputs)) tensors[k] = tf.tensor(v.data, v.shape);
  try {
    return tf.engine().runKernel(name, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** max |a - b| / max |b|: the error relative to the reference's scale (robust to entries near zero). */
export function maxRelError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Backend-level buffers: kernels that call other kernels directly leak here, not in tf.memory().numTensors. */
export function backendBuffers(): number {
  return tf.backend().numDataIds();
}

/** Output size of a conv along one axis, as tfjs computes it. */
export function convOut(size: number, k: number, stride: number, pad: Pad, axis: 1 | 2): number {
  if (pad === 'same') return Math.ceil(size / stride);
  if (pad === 'valid') return Math.ceil((size - k + 1) / stride);
  const [lo, hi] = typeof pad === 'number' ? [pad, pad] : pad[axis];
  return Math.floor((size + lo + hi - k) / stride) + 1;
}

export function padLabel(pad: Pad): string {
  return typeof pad === 'object' ? `explicit ${pad[1].join('/')},${pad[2].join('/')}` : String(pad);
}

/**
 * Runs kernel `name` on wasm and on cpu with the same inputs; asserts that the wasm call left no backend
 * buffer behind and produced `wantShape`; returns the max relative error against cpu.
 */
export async function wasmVsCpu(
  name: string, inputs: Record<string, { data: Float32Array; shape: number[] }>, attrs: Record<string, unknown>,
  wantShape: readonly number[],
): Promise<number> {
  const buffers = backendBuffers();
  const wasm = await on('wasm', () => runKernel(name, inputs, attrs));
  assert.equal(backendBuffers(), buffers, `${name}: no intermediate left on the wasm backend`);
  const cpu = await on('cpu', () => runKernel(name, inputs, attrs));
  assert.deepEqual(wasm.shape, wantShape, `${name}: output shape`);
  assert.deepEqual(cpu.shape, wantShape, `${name}: cpu output shape`);
  return maxRelError(wasm.data, cpu.data);
}
