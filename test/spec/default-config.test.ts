// configs/default.yml is the embedded default spec, byte for byte, and it parses to a small offline run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SPEC_YAML, loadDefaultSpec } from '../../src/spec/default.js';
import { loadSpec } from '../../src/spec/load.js';

const file = fileURLToPath(new URL('../../configs/default.yml', import.meta.url));

test('configs/default.yml equals the embedded text', () => {
  assert.equal(readFileSync(file, 'utf8'), DEFAULT_SPEC_YAML);
});

test('the default spec needs no files or network and matches the file version', () => {
  const spec = loadDefaultSpec({ knownProxies: ['params', 'flops', 'grad_norm'], cwd: '/w' });
  assert.equal(spec.file, '<embedded>');
  assert.equal(spec.name, 'default');
  assert.equal(spec.output, '/w/out/default');
  assert.equal(spec.data.kind, 'gaussian');
  assert.equal(spec.data.batchSize, 16);
  assert.equal(spec.groundTruth, undefined);
  assert.equal(spec.baseline, undefined);
  assert.deepEqual(spec.proxies.map((p) => p.name), ['params', 'flops', 'grad_norm']);
  assert.equal(spec.archs.kind === 'list' && spec.archs.items.length, 6);
  assert.deepEqual(spec.latency, { enabled: true, batchSizes: [1], warmup: 3, minSamples: 10, maxSamples: 30, budgetMs: 1000 });
  const fromFile = loadSpec(file, { cwd: '/w' });
  assert.deepEqual({ ...fromFile, file: '<embedded>' }, spec);
});
