// Run notes in run.json (an ONNX export with batch norm folded, images resized to a model's input) appear near the
// top of the report, escaped like all run-derived text; a run without notes shows none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown } from '../../src/report/markdown.js';
import { fixtureInput } from './fixture.js';

test('manifest warnings are quoted before the tables, escaped', () => {
  const input = fixtureInput({ nArchs: 4 });
  const plain = buildMarkdown(input);
  assert.ok(!plain.includes('⚠️ models'));
  const note = 'models/r*18.onnx: cifar10 images resized (bilinear) from 32x32 to its input size 64x64';
  const md = buildMarkdown({ ...input, manifest: { ...input.manifest, warnings: [note] } });
  const line = md.split('\n').find((l) => l.startsWith('> ⚠️'));
  assert.equal(line, '> ⚠️ models\\/r\\*18\\.onnx\\: cifar10 images resized \\(bilinear\\) from 32x32 to its input size 64x64');
  assert.ok(md.indexOf(line!) < md.indexOf('|'), 'the note comes before the first table');
});
