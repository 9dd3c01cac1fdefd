// Arch strings go through the space's validator; its message lands at the offending item's position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';

const validateArch = (s: string) => (s.split('+').length === 3 ? null : `expected 3 nodes separated by "+", got ${s.split('+').length}`);

test('the validator message is reported at the item line and column', () => {
  const text = 'name: x\narchs:\n  - 17\n  - "|none~0|+|none~0|none~1|"\n';
  assert.throws(() => parseSpec(text, 'configs/x.yml', { validateArch }), {
    message: 'configs/x.yml:4:5: archs[1]: got "|none~0|+|none~0|none~1|", '
      + 'expected a valid NB201 arch string: expected 3 nodes separated by "+", got 2',
  });
});

test('valid strings and indices are kept in order; "all" and sample forms', () => {
  const ok = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
  const spec = parseSpec(`name: x\narchs: [5, '${ok}', 15624]\n`, 'x.yml', { validateArch });
  assert.deepEqual(spec.archs, { kind: 'list', items: [5, ok, 15624] });
  assert.deepEqual(parseSpec('name: x\narchs: all\n', 'x.yml').archs, { kind: 'all' });
  assert.deepEqual(parseSpec('name: x\narchs: {sample: {n: 100, seed: 4}}\n', 'x.yml').archs, { kind: 'sample', n: 100, seed: 4 });
});
