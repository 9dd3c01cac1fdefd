// Relative paths resolve against the spec file's directory (or opts.baseDir); the default output against the cwd.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, parseSpec } from '../../src/spec/load.js';

const TEXT = `name: p
data:
  cifar_bin: ../data/c10.bin
  batch_size: 10
  batches: 3
proxies:
  - params
  - { name: mine, module: ./proxies/mine.js, options: { eps: 0.5, layers: [a, b] } }
ground_truth: { path: gt/acc.csv, column: c10_s888_200e }
baseline: ../reports/base.json
output: ../out/p
`;

test('loadSpec resolves every relative path against the spec folder', () => {
  // A checkout (root/.git) with the spec one folder down, so that ../ stays inside the repository.
  const root = mkdtempSync(join(tmpdir(), 'zsnas-spec-'));
  const dir = join(root, 'configs');
  mkdirSync(join(root, '.git'));
  mkdirSync(dir);
  try {
    writeFileSync(join(dir, 'p.yml'), TEXT);
    const spec = loadSpec(join(dir, 'p.yml'), { knownProxies: ['params'] });
    assert.equal(spec.file, join(dir, 'p.yml'));
    assert.deepEqual(spec.data, { kind: 'cifar-bin', path: join(dir, '../data/c10.bin'), batchSize: 10, batches: 3 });
    assert.deepEqual(spec.proxies[1], { name: 'mine', module: join(dir, 'proxies/mine.js'), options: { eps: 0.5, layers: ['a', 'b'] } });
    assert.deepEqual(spec.groundTruth, { path: join(dir, 'gt/acc.csv'), column: 'c10_s888_200e' });
    assert.equal(spec.baseline, join(dir, '../reports/base.json'));
    assert.equal(spec.output, join(dir, '../out/p'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('baseDir overrides the spec folder', () => {
  const spec = parseSpec(TEXT, 'configs/p.yml', { baseDir: '/repo', cwd: '/elsewhere', allowOutsidePaths: true });
  assert.equal(spec.file, '/elsewhere/configs/p.yml');
  assert.equal(spec.baseline, '/reports/base.json');
  assert.equal(spec.output, '/out/p');
});

test('a missing spec file names the path', () => {
  assert.throws(() => loadSpec('/nonexistent/zsnas.yml'), { message: '/nonexistent/zsnas.yml: not found, expected a YAML spec file' });
});
