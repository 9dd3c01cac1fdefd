// Without @tensorflow/tfjs-node the wasm fallback is said in one short line, once per process, and the line says
// how to get the native backend where it installs; the full reason stays in BackendInfo.fallbackReason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { backendLogLine, initBackend } from '../../src/engine/backend.js';
import { tfjsNodeInstalled } from './helpers.js';

test('the fallback line is short, names the install command, and is said once', { skip: tfjsNodeInstalled() && 'tfjs-node is installed here' }, async () => {
  delete process.env.ZSNAS_BACKEND;
  const info = await initBackend('auto');
  assert.equal(info.name, 'wasm');
  const first = backendLogLine(info);
  assert.equal(first, `backend: wasm (native @tensorflow/tfjs-node not installed; where it can install (GitHub runners): npm i @tensorflow/tfjs-node@${tf.version.tfjs})`);
  assert.ok(first.length <= 140, `${first.length} characters`);
  assert.equal(backendLogLine(info), 'backend: wasm', 'said once per process');
  assert.match(info.fallbackReason ?? '', /Cannot find package '@tensorflow\/tfjs-node'/);
});
