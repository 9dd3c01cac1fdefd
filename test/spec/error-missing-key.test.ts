// A missing required key is reported at the position of the map that should hold it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

test('missing top-level name points at the document map', () => {
  assert.throws(() => parseSpec('\n# comment\ndataset: cifar10\n', 'configs/x.yml'), {
    name: 'SpecError',
    message: 'configs/x.yml:3:1: name: got nothing (required key missing), expected a name matching [a-z0-9][a-z0-9._-]*, at most 100 characters',
  });
});

test('missing archs.sample.n points at the sample map', () => {
  assert.throws(() => parseSpec('name: x\narchs:\n  sample:\n    seed: 3\n', 'configs/x.yml'), {
    message: 'configs/x.yml:4:5: archs.sample.n: got nothing (required key missing), expected an integer from 1 to 15625',
  });
});

test('ground_truth with url but no sha256', () => {
  assert.throws(() => parseSpec('name: x\nground_truth: { url: "https://example.org/a.csv" }\n', 'configs/x.yml'), {
    message: 'configs/x.yml:2:15: ground_truth.sha256: got nothing (required key missing), '
      + 'expected the sha256 of the file (64 hex digits), required with url',
  });
});
