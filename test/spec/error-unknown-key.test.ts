// Unknown keys, at any depth, are rejected with the list of valid keys and the nearest one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

test('a misspelt top-level key suggests the nearest name', () => {
  assert.throws(() => parseSpec('name: x\nlatncy: false\n', 'configs/x.yml'), {
    message: 'configs/x.yml:2:1: latncy: got an unknown key, expected one of name, space, models, dataset, seed, archs, data, '
      + 'proxies, latency, ground_truth, baseline, thresholds, output, backend, proxy_engine, init, sweep (did you mean "latency"?)',
  });
});

test('a nested camelCase key suggests its snake_case spelling', () => {
  assert.throws(() => parseSpec('name: x\ndata:\n  batchSize: 8\n', 'configs/x.yml'), {
    message: 'configs/x.yml:3:3: data.batchSize: got an unknown key, expected one of gaussian, cifar_bin, cifar-bin, '
      + 'batch_size, batches (did you mean "batch_size"?)',
  });
});

test('no suggestion when nothing is close', () => {
  assert.throws(() => parseSpec('name: x\nthresholds: {zzz: 1}\n', 'configs/x.yml'), {
    message: 'configs/x.yml:2:14: thresholds.zzz: got an unknown key, expected one of correlation_drop, score_rel_tol, '
      + 'latency_min_effect, latency_alpha',
  });
});
