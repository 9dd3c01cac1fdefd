// configs/examples/model-repo.yml runs end to end, its custom proxy module (weight_count.mjs) included; the
// module's hash is part of the result cache key, so editing the module re-scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { runExperiment } from '../../src/commands/run.js';
import { EXAMPLES, REPO_SPEC } from './helpers.js';

// Conv / depthwise / dense weight elements (no biases, no BN), by hand:
//   small_cnn 3*3*3*16 + 3*3*16*32 + 2048*10 = 432 + 4,608 + 20,480 = 25,520
//   resnet_functional / resnet-a 432 + 2*2,304 + 4,608 + 9,216 + 512 + 320 = 19,696
//   mobile_block 432 + 144 + 384 + 3,456 + 1,296 + 3,456 + 216 + 1,152 + 480 = 11,016
//   mbv2-tiny 216 + 72 + 64 + 384 + 432 + 768 + 160 = 2,096
const WEIGHTS: Record<string, number> = {
  small_cnn: 25_520, resnet_functional: 19_696, mobile_block: 11_016, 'resnet-a': 19_696, 'mbv2-tiny': 2_096,
};

test('model-repo.yml scores every model with the custom proxy; the module hash keys the cache', async () => {
  const out = mkdtempSync(join(tmpdir(), 'zsnas-repo-'));
  const spec = { ...loadSpec(REPO_SPEC, specOptions()), output: out, backend: 'wasm' as const };
  spec.proxies = spec.proxies.filter((p) => ['params', 'weight_count'].includes(p.name));
  const cacheDir = join(out, 'cache');
  const r = await runExperiment(spec, { log: () => {}, cacheDir });
  assert.equal(r.archs.length, 9);
  const wc = new Map(r.scores.filter((s) => s.proxy === 'weight_count').map((s) => [s.arch, s]));
  for (const [arch, n] of Object.entries(WEIGHTS)) assert.equal(wc.get(arch)?.value, n, arch);
  assert.ok([...wc.values()].every((s) => s.status === 'ok'));
  assert.equal(r.scores.find((s) => s.arch === 'small_cnn' && s.proxy === 'params')?.value, 25_610);
  assert.deepEqual(r.cache, { hits: 0, misses: 18 });

  // Same module, same models: everything from the cache.
  const again = await runExperiment({ ...spec, output: join(out, 'again') }, { log: () => {}, cacheDir });
  assert.deepEqual(again.cache, { hits: 18, misses: 0 });

  // An edited module (here: log: true by default) misses the cache for that proxy only.
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-mod-'));
  const edited = join(dir, 'weight_count.mjs');
  writeFileSync(edited, readFileSync(join(EXAMPLES, 'proxies', 'weight_count.mjs'), 'utf8').replace('defaults: { log: false }', 'defaults: { log: true }'));
  const third = await runExperiment({ ...spec, output: join(out, 'third'),
    proxies: spec.proxies.map((p) => (p.module ? { ...p, module: edited } : p)) }, { log: () => {}, cacheDir });
  assert.deepEqual(third.cache, { hits: 9, misses: 9 });
  const small = third.scores.find((s) => s.arch === 'small_cnn' && s.proxy === 'weight_count')!;
  assert.ok(Math.abs(small.value - Math.log10(25_520)) < 1e-12);
});
