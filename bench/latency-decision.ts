// Proves the latency decision rule (src/latency/verdict.ts) on this machine with real wasm measurements.
//   node --import tsx bench/latency-decision.ts [--repeats N] [--samples N] [--warmup N] [--alpha A] [--min-effect E]
//     [--fast-fraction F] [--seed S] [--dump FILE]      defaults: 200 repeats, 64 samples per side, alpha 0.05, 5%
// Three scenarios, each repeated R times; every repeat builds fresh networks (new tensors, new memory layout) and
// measures base and head interleaved in shuffled rounds, as a PR check does:
//   A/A      head = an identical copy of base                   -> target: 'same' in >= 99% of repeats
//   heavier  head = the same net with 10% more conv layers      -> target: 'slower' in >= 95%
//   delay    head = base + a busy-wait of 10% of base's latency -> target: 'slower' in >= 95%
//            (10% of the p10 of 100 calibration runs: the uncontended median, not one inflated by preemption)
// Exits 1 when a target is missed. --dump FILE writes every repeat's raw samples (JSON) for offline analysis.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Rng } from '../src/engine/rng.js';
import { median, quantile } from '../src/stats/descriptive.js';
import { hardwareFingerprint } from '../src/latency/fingerprint.js';
import { measureLatency, type LatencyWorkload } from '../src/latency/measure.js';
import { DEFAULT_FAST_FRACTION, latencyVerdict, type LatencyVerdictKind } from '../src/latency/verdict.js';
import type { LatencyConfig } from '../src/spec/types.js';

const { values: args } = parseArgs({
  options: {
    repeats: { type: 'string', default: '200' },
    samples: { type: 'string', default: '64' },
    'fast-fraction': { type: 'string', default: String(DEFAULT_FAST_FRACTION) },
    warmup: { type: 'string', default: '3' },
    alpha: { type: 'string', default: '0.05' },
    'min-effect': { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
    dump: { type: 'string' },
  },
});
const repeats = Number(args.repeats), samples = Number(args.samples), warmup = Number(args.warmup);
const alpha = Number(args.alpha), minEffect = Number(args['min-effect']), seed = Number(args.seed);
const fastFraction = Number(args['fast-fraction']);

await tf.setBackend('wasm');
await tf.ready();

// The workload: a small conv net at batch 1 (stem 3->32, then LAYERS 3x3 convs 32->32 on 24x24), a few ms on wasm.
const SIZE = 24, CH = 32, LAYERS = 10;

interface Net extends LatencyWorkload { dispose(): void }

function buildNet(key: string, layers: number, delayMs = 0): Net {
  const rng = Rng.keyed(seed, 'bench-net'); // identical weights for every copy
  const t = (shape: [number, number, number, number], scale: number) =>
    tf.tensor4d(rng.fillUniform(new Float32Array(shape.reduce((a, b) => a * b, 1)), -scale, scale), shape);
  const x = t([1, SIZE, SIZE, 3], 1);
  const stem = t([3, 3, 3, CH], Math.sqrt(6 / 27));
  const ws = Array.from({ length: layers }, () => t([3, 3, CH, CH], Math.sqrt(6 / (9 * CH))));
  return {
    key,
    batch: 1,
    async run() {
      const y = tf.tidy(() => {
        let h = tf.relu(tf.conv2d(x, stem, 1, 'same'));
        for (const w of ws) h = tf.relu(tf.conv2d(h, w, 1, 'same'));
        return tf.mean(h);
      });
      try { await y.data(); } finally { y.dispose(); }
      if (delayMs > 0) { const end = performance.now() + delayMs; while (performance.now() < end) { /* busy */ } }
    },
    dispose() { for (const w of [x, stem, ...ws]) w.dispose(); },
  };
}

const cfg: LatencyConfig = { enabled: true, batchSizes: [1], warmup, minSamples: samples, maxSamples: samples, budgetMs: Infinity };

// Calibrate the injected delay once, up front.
const calib = buildNet('calib', LAYERS);
const calibSamples = (await measureLatency([calib], { ...cfg, warmup: 10, minSamples: 100, maxSamples: 100 })).get('calib')!.samples;
calib.dispose();
// Under contention the median includes preemption; the 10th percentile is the uncontended median's honest stand-in,
// so the delay is 10% of the network's real cost, not of a noise-inflated figure (a larger delay is easier to see).
const calibMs = quantile(calibSamples, 0.1);
const delayMs = 0.1 * calibMs;

type Scenario = { name: string; expect: LatencyVerdictKind; target: number; head: () => Net };
const scenarios: Scenario[] = [
  { name: 'A/A (identical copy)', expect: 'same', target: 0.99, head: () => buildNet('head', LAYERS) },
  { name: `heavier (+10% conv layers: ${LAYERS + 1} vs ${LAYERS})`, expect: 'slower', target: 0.95, head: () => buildNet('head', LAYERS + 1) },
  { name: `delay (+${delayMs.toFixed(3)} ms busy-wait = 10% of base)`, expect: 'slower', target: 0.95, head: () => buildNet('head', LAYERS, delayMs) },
];

console.log('latency decision benchmark');
console.log(`  fingerprint: ${JSON.stringify(hardwareFingerprint({ name: tf.getBackend(), version: tf.version.tfjs, threads: 1 }))}`);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`  load average at start (1/5/15 min, ${cpus().length} cores): ${load()}`);
console.log(`  workload: batch 1, 3x3 conv stem + ${LAYERS} convs ${CH}ch on ${SIZE}x${SIZE}; base p10 ${calibMs.toFixed(3)} ms, median ${median(calibSamples).toFixed(3)} ms`);
console.log(`  settings: repeats ${repeats}, samples ${samples} per side (+${warmup} warm-up), interleaved shuffled rounds, alpha ${alpha}, minEffect ${minEffect}, fastFraction ${fastFraction}`);

const started = performance.now();
let failed = false;
const dump: Array<{ scenario: string; base: number[]; head: number[] }> = [];
const numTensors0 = tf.memory().numTensors;
for (const [si, sc] of scenarios.entries()) {
  const counts: Record<LatencyVerdictKind, number> = { same: 0, slower: 0, faster: 0 };
  const ratios: number[] = [], fastRatios: number[] = [], ciLows: number[] = [], ciHighs: number[] = [];
  const t0 = performance.now();
  for (let r = 0; r < repeats; r++) {
    const base = buildNet('base', LAYERS), head = sc.head();
    const res = await measureLatency([base, head], cfg, { seed: seed * 1_000_003 + si * 10_007 + r });
    base.dispose(); head.dispose();
    const v = latencyVerdict(res.get('base')!.samples, res.get('head')!.samples, { alpha, minEffect, fastFraction });
    counts[v.verdict]++;
    if (args.dump) dump.push({ scenario: sc.name, base: res.get('base')!.samples, head: res.get('head')!.samples });
    ratios.push(v.ratio); fastRatios.push(v.fastRatio); ciLows.push(v.ratioCi[0]); ciHighs.push(v.ratioCi[1]);
    if ((r + 1) % 50 === 0) process.stderr.write(`  ${sc.name}: ${r + 1}/${repeats}\n`);
  }
  const rate = counts[sc.expect] / repeats;
  const ok = rate >= sc.target;
  failed ||= !ok;
  const q = (xs: number[], p: number) => quantile(xs, p).toFixed(3);
  console.log(`\n${sc.name}`);
  console.log(`  '${sc.expect}' rate ${(100 * rate).toFixed(1)}% (target >= ${(100 * sc.target).toFixed(0)}%) ${ok ? 'OK' : 'MISSED'}`);
  console.log(`  verdicts: same ${counts.same}, slower ${counts.slower}, faster ${counts.faster} of ${repeats}`);
  console.log(`  median ratio head/base: median ${q(ratios, 0.5)}, 5-95% [${q(ratios, 0.05)}, ${q(ratios, 0.95)}]`);
  console.log(`  fast-part ratio (decided on): median ${q(fastRatios, 0.5)}, 5-95% [${q(fastRatios, 0.05)}, ${q(fastRatios, 0.95)}]`);
  console.log(`  CI low: median ${q(ciLows, 0.5)}, 5% ${q(ciLows, 0.05)}; CI high: median ${q(ciHighs, 0.5)}, 95% ${q(ciHighs, 0.95)}`);
  console.log(`  time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(`\nload average at end: ${load()}`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s; tensor leak: ${tf.memory().numTensors - numTensors0}`);
if (args.dump) writeFileSync(args.dump, JSON.stringify(dump));
if (failed) { console.log('FAILED: a target was missed'); process.exitCode = 1; }
