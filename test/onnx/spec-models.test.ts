// `space: onnx` specs: a path's key is the path as written, {name, path} names it, and a bad entry is reported
// with file:line:col like every spec error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { listArchs } from '../../src/spaces/index.js';
import { modelPath } from './helpers.js';

function setup(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-onnx-spec-'));
  mkdirSync(join(dir, 'models'));
  copyFileSync(modelPath('resnet8'), join(dir, 'models', 'resnet8.onnx'));
  return { dir, file: join(dir, 'spec.yml') };
}

test('keys: the path as written, or the given name', async () => {
  const { dir, file } = setup();
  const text = ['name: t', 'space: onnx', 'models:', '  - models/resnet8.onnx', '  - {name: r8, path: models/resnet8.onnx}', ''].join('\n');
  const spec = parseSpec(text, file, specOptions());
  assert.deepEqual(spec.models, [
    { kind: 'onnx', key: 'models/resnet8.onnx', path: join(dir, 'models', 'resnet8.onnx') },
    { kind: 'onnx', key: 'r8', path: join(dir, 'models', 'resnet8.onnx') },
  ]);
  assert.deepEqual(await listArchs(spec), ['models/resnet8.onnx', 'r8']);
});

test('a missing file and a bad named entry are reported with file:line:col', () => {
  const { file } = setup();
  const text = ['name: t', 'space: onnx', 'models:', '  - models/missing.onnx', '  - {name: r8, path: models/resnet8.onnx, extra: 1}', ''].join('\n');
  assert.throws(() => parseSpec(text, file, specOptions()), (e: Error) => {
    assert.match(e.message, new RegExp(`${file}:4:5: models\\[0\\]: got "models/missing.onnx" \\(no such file: .*\\), expected an existing file`));
    assert.match(e.message, new RegExp(`${file}:5:43: models\\[1\\]\\.extra: got an unknown key, expected one of name, path`));
    return true;
  });
});
