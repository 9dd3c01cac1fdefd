// YAML syntax errors carry file:line:col like every other spec error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

test('a tab used as indentation is reported at its line', () => {
  assert.throws(() => parseSpec('name: x\nlatency:\n\twarmup: 1\n', 'configs/x.yml'), {
    name: 'SpecError',
    message: 'configs/x.yml:3:1: YAML syntax error: Tabs are not allowed as indentation',
  });
});

test('every syntax error is listed, one per line', () => {
  assert.throws(() => parseSpec('name: x\nlatency:\n  warmup: 1\n   min_samples: 2\n', 'configs/x.yml'), {
    message: 'configs/x.yml:3:11: YAML syntax error: Nested mappings are not allowed in compact mappings\n'
      + 'configs/x.yml:3:11: YAML syntax error: Implicit keys need to be on a single line',
  });
});

test('a duplicate key is a syntax error at the second occurrence', () => {
  assert.throws(() => parseSpec('name: x\nseed: 1\nseed: 2\n', 'configs/x.yml'), {
    message: 'configs/x.yml:3:1: YAML syntax error: Map keys must be unique',
  });
});

test('an alias without an anchor is an error, not a silent default', () => {
  assert.throws(() => parseSpec('name: x\narchs: *picked\n', 'configs/x.yml'), {
    message: 'configs/x.yml:2:8: got an unknown alias *picked, expected an anchor &picked defined before it',
  });
});
