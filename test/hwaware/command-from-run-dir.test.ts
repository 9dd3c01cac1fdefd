// `hw-aware SPEC --from DIR` reuses a finished run's folder and writes its four outputs atomically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DATA, sharedFile } from '../helpers/shared-data.js';
import { cmdHwAware } from '../../src/commands/hw-aware.js';
import { scoresCsv } from '../../src/rundir/scores-csv.js';
import { archByIndex, costByIndex } from '../../src/data/groundtruth.js';

const acc = sharedFile('nb201/nb201_accuracy.csv');
const hw = sharedFile('nb201/nb201_hw_nas_bench.csv');

test('hw-aware --from: agreement and Pareto gap of a saved run, four files, no temp files', { skip: acc.skip || hw.skip }, async () => {
  process.env.ZSNAS_DATA_DIR = SHARED_DATA;
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-hw-'));
  const table = archByIndex(acc.path);
  const edgegpu = costByIndex(hw.path, 'c10_edgegpu_latency');
  const idx = [0, 1, 2, 3, 4, 5, 6, 7];
  const archs = idx.map((i) => table[i]);
  // "measured" latency = 2 x the EdgeGPU latency: agreement with that column must be exactly 1
  const rows = idx.map((i, k) => ({
    arch: archs[k], batch: 1, median_ms: 2 * edgegpu[i], p25_ms: 0, p75_ms: 0, min_ms: 0, cv: 0, n: 10,
    ci_low_ms: 0, ci_high_ms: 0, normalized: edgegpu[i] / 5,
  }));
  const fingerprint = { cpuModel: 'test', cores: 2, memoryGiB: 4, os: 'linux', node: 'v20', tfjs: '4.22.0', backend: 'wasm', threads: 1 };
  writeFileSync(join(dir, 'latency.json'), JSON.stringify({ formatVersion: 1, fingerprint, rows, samples: [] }));
  writeFileSync(join(dir, 'scores.csv'), scoresCsv(archs.map((arch, k) => ({ arch, proxy: 'params', value: k, status: 'ok' as const, seconds: 0 }))));
  writeFileSync(join(dir, 'run.json'), JSON.stringify({
    formatVersion: 1, name: 'hw-test', spec: { proxies: [{ name: 'params' }] }, backend: 'wasm', versions: {}, seed: 0,
    startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:00:12Z', archs, fingerprint,
    timings: { totalSeconds: 12.5, perProxySeconds: {} }, errors: [],
  }));
  writeFileSync(join(dir, 'spec.yml'), `name: hw-test\narchs: [${idx.join(', ')}]\nproxies: [params]\nlatency: false\n` +
    `ground_truth: { path: ${acc.path} }\n`);

  const out = join(dir, 'out');
  const code = await cmdHwAware([join(dir, 'spec.yml'), '--from', dir, '--out', out, '--budgets', '4']);
  assert.equal(code, 0);
  assert.deepEqual(readdirSync(out).sort(), ['agreement.md', 'hw-aware.json', 'hw-aware.md', 'pareto-gap.md']);
  const json = JSON.parse(readFileSync(join(out, 'hw-aware.json'), 'utf8'));
  assert.equal(json.nArchs, 8);
  assert.equal(json.runSeconds, 12.5);
  assert.equal(json.latencyBatch, 1);
  const agree = (m: string, d: string) => json.agreement.find((r: { measure: string; device: string }) => r.measure === m && r.device === d);
  assert.equal(agree('latency_ms', 'c10_edgegpu_latency').spearman, 1);
  assert.equal(agree('latency_norm', 'c10_edgegpu_latency').kendall, 1);
  assert.equal(agree('flops', 'c10_fpga_latency').n, 8);
  assert.deepEqual(json.paretoGap.map((c: { cost: string }) => c.cost), [
    'latency_ms', 'flops', 'c10_edgegpu_latency', 'c10_raspi4_latency', 'c10_edgetpu_latency', 'c10_pixel3_latency',
    'c10_eyeriss_latency', 'c10_fpga_latency',
  ]);
  // measured latency ranks like EdgeGPU, so the two sweeps see the same budgets' feasible sets and the same gaps
  assert.deepEqual(json.meanGaps.params.latency_ms, json.meanGaps.params.c10_edgegpu_latency);
  assert.match(readFileSync(join(out, 'hw-aware.md'), 'utf8'), /^# Hardware-aware comparison: hw-test\n/);
});
