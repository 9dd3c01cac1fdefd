// A spec with only a name gets every documented default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

test('a minimal spec is filled with the documented defaults', () => {
  const spec = parseSpec('name: demo\n', '/w/configs/demo.yml', { cwd: '/w' });
  assert.deepEqual(spec, {
    name: 'demo',
    file: '/w/configs/demo.yml',
    space: 'nb201',
    archs: { kind: 'sample', n: 8, seed: 0 },
    dataset: 'cifar10',
    data: { kind: 'gaussian', seed: 0, batchSize: 64, batches: 2 },
    proxies: [
      { name: 'params', options: {} },
      { name: 'flops', options: {} },
      { name: 'grad_norm', options: {} },
    ],
    latency: { enabled: true, batchSizes: [1], warmup: 5, minSamples: 20, maxSamples: 100, budgetMs: 2000 },
    thresholds: { correlationDrop: 0.05, scoreRelTol: 1e-4, latencyMinEffect: 0.05, latencyAlpha: 0.01 },
    output: '/w/out/demo',
    seed: 0,
    backend: 'auto',
  });
});

test('the top-level seed is the default for sampling and Gaussian data; null means default', () => {
  const spec = parseSpec('name: demo\nseed: 7\narchs:\ndata: {gaussian: }\nlatency: false\n', 'demo.yml', { cwd: '/w' });
  assert.deepEqual(spec.archs, { kind: 'sample', n: 8, seed: 7 });
  assert.deepEqual(spec.data, { kind: 'gaussian', seed: 7, batchSize: 64, batches: 2 });
  assert.equal(spec.latency.enabled, false);
  assert.equal(spec.latency.maxSamples, 100);
});

test('the ground-truth column defaults by dataset', () => {
  const spec = parseSpec('name: d\ndataset: cifar100\nground_truth: {path: gt.csv}\n', '/w/c/d.yml');
  assert.deepEqual(spec.groundTruth, { path: '/w/c/gt.csv', column: 'c100_test_200e' });
});
