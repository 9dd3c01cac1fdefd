// Macro architectures are validated like the rest of the spec: every problem with file:line:col and field,
// whether the architecture is inline or in its own YAML file (then the position is in that file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';

function setup(spec: string[]): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-macro-'));
  writeFileSync(join(dir, 'fam.yml'), '- name: from-file\n  stem: {width: 8}\n  stages:\n    - {block: resnet, width: 8}\n');
  return { dir, file: join(dir, 'spec.yml'), text: ['name: t', 'space: macro', 'models:', ...spec, ''].join('\n') };
}

test('inline and file macro errors carry file:line:col', () => {
  const { file, text } = setup([
    '  - name: a',
    '    stem: {kernel: 4, width: 8}',
    '    stages:',
    '      - {block: conv, width: 8, expansion: 2}',
    '  - fam.yml',
  ]);
  assert.throws(() => parseSpec(text, file, specOptions()), {
    message: [
      'fam.yml:4:15: [0].stages[0].block: got "resnet", expected one of conv, residual, mbconv',
      `${file}:5:20: models[0].stem.kernel: got 4, expected an odd kernel size (symmetric padding)`,
      `${file}:7:33: models[0].stages[0].expansion: got expansion on a conv block, expected expansion only with block: mbconv`,
    ].join('\n'),
  });
});

test('model keys must be unique', () => {
  const { file, text } = setup([
    '  - {name: a, stem: {width: 8}, stages: [{block: conv, width: 8}]}',
    '  - {name: a, stem: {width: 8}, stages: [{block: residual, width: 8}]}',
  ]);
  assert.throws(() => parseSpec(text, file, specOptions()), {
    message: `${file}:5:5: models[1].name: got model key "a" again (also models[0].name), expected unique model keys`,
  });
});
