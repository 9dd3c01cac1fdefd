// An eval-mode export (batch norm folded into conv biases) loads with a note that says how to export with BN
// kept; a training-mode export of the same network has no note. The note reaches run.json's warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countParams } from '../../src/graph/count.js';
import { BN_FOLDED_NOTE, loadOnnxFile } from '../../src/spaces/onnx/build.js';
import { runExperiment } from '../../src/commands/run.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { loadSpec } from '../../src/spec/load.js';
import { MODELS_DIR, modelPath, pytorchFacts } from './helpers.js';

test('resnet8-folded: conv biases and no BN give the folded-BN note; resnet8 gives none', () => {
  const folded = loadOnnxFile(modelPath('resnet8-folded'), 'f');
  assert.deepEqual(folded.notes, [`${modelPath('resnet8-folded')} ${BN_FOLDED_NOTE}`]);
  assert.match(BN_FOLDED_NOTE, /training=torch\.onnx\.TrainingMode\.TRAINING, do_constant_folding=False/);
  assert.equal(folded.graph.nodes.filter((n) => n.op === 'batchnorm').length, 0);
  // Folding drops BN's 2C per layer and adds a C-wide bias to each conv: 78042 - 2 * 448 + 448 + ... = 77706.
  const bnChannels = 16 + 16 + 16 + 32 + 32 + 32 + 64 + 64 + 64;
  assert.equal(countParams(folded.graph), pytorchFacts()['resnet8-folded'].params - 2 * bnChannels + bnChannels);
  assert.deepEqual(loadOnnxFile(modelPath('resnet8'), 'r').notes, []);
});

test('the note is written to run.json warnings', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-onnx-bn-'));
  const file = join(dir, 'spec.yml');
  writeFileSync(file, [
    'name: bn-note', 'space: onnx', 'models:', `  - ${join(MODELS_DIR, 'resnet8-folded.onnx')}`,
    'proxies: [params]', 'latency: false', `output: ${join(dir, 'out')}`, '',
  ].join('\n'));
  // The model is the repository's example, outside this temporary spec folder.
  const spec = loadSpec(file, { ...specOptions(), allowOutsidePaths: true });
  await runExperiment(spec, { log: () => {} });
  const manifest = JSON.parse(readFileSync(join(dir, 'out', 'run.json'), 'utf8'));
  assert.equal(manifest.warnings.length, 1);
  assert.ok(manifest.warnings[0].endsWith(BN_FOLDED_NOTE));
});
