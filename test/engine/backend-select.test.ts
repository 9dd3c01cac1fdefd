// Backend selection: auto falls back node > wasm > cpu with a reason, explicit choices load or fail clearly,
// and ZSNAS_BACKEND overrides auto only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { tfjsNodeInstalled } from './helpers.js';

async function withEnv<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.ZSNAS_BACKEND;
  if (value == null) delete process.env.ZSNAS_BACKEND;
  else process.env.ZSNAS_BACKEND = value;
  try {
    return await body();
  } finally {
    if (saved == null) delete process.env.ZSNAS_BACKEND;
    else process.env.ZSNAS_BACKEND = saved;
  }
}

test('auto picks wasm when tfjs-node is absent, and says why', { skip: tfjsNodeInstalled() && 'tfjs-node is installed here' }, async () => {
  const info = await withEnv(undefined, () => initBackend());
  assert.equal(info.name, 'wasm');
  assert.equal(info.tfName, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal(info.version, tf.version.tfjs);
  assert.ok(info.threads >= 1);
  assert.match(info.fallbackReason ?? '', /tfjs-node/);
  assert.deepEqual(await withEnv(undefined, () => initBackend('auto')), info, 'a second call is a no-op');
});

test('explicit cpu works', async () => {
  const info = await withEnv(undefined, () => initBackend('cpu'));
  assert.deepEqual([info.name, info.tfName, info.threads, info.fallbackReason], ['cpu', 'cpu', 1, undefined]);
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0]), 5);
});

test('explicit node throws, naming the package and the install command', { skip: tfjsNodeInstalled() && 'tfjs-node is installed here' }, async () => {
  await assert.rejects(withEnv(undefined, () => initBackend('node')),
    (e: Error) => e.message.includes('@tensorflow/tfjs-node') && e.message.includes(`npm i @tensorflow/tfjs-node@${tf.version.tfjs}`));
});

test('ZSNAS_BACKEND overrides auto but not an explicit choice, and is validated', async () => {
  assert.equal((await withEnv('cpu', () => initBackend())).name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal((await withEnv('cpu', () => initBackend('wasm'))).name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.equal((await withEnv(' WASM ', () => initBackend())).name, 'wasm');
  await assert.rejects(withEnv('gpu', () => initBackend()), /ZSNAS_BACKEND.*'gpu'.*auto, node, wasm, cpu/);
});
