// Every problem is reported at once, one per line, in file order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';

test('three problems give three lines', () => {
  const text = 'name: x\nseed: -1\ndataset: cifar-100\nlatency: {min_samples: 50, max_samples: 10}\n';
  let err: unknown;
  try { parseSpec(text, 'x.yml'); } catch (e) { err = e; }
  assert.ok(err instanceof SpecError);
  assert.equal(err.message, [
    'x.yml:2:7: seed: got -1, expected an integer from 0 to 4294967295',
    'x.yml:3:10: dataset: got "cifar-100", expected one of cifar10, cifar100, ImageNet16-120 (did you mean "cifar100"?)',
    'x.yml:4:41: latency.max_samples: got 10, expected an integer >= min_samples (50)',
  ].join('\n'));
  assert.equal(err.issues.length, 3);
  assert.equal(err.line, 2);
  assert.equal(err.field, 'seed');
});
