// The side-by-side latency rule (src/compare/ab-verdict.ts, driven by src/compare/ab-latency.ts) on real latency
// measurements (the latency engine `run --base-ref` picks: onnxruntime, or tfjs wasm) of the PR-check spec's NB201 archs.
//   node --import tsx bench/ab-decision.ts [--aa-trials N] [--slow-trials N] [--budget-s S] [--only aa-load,...]
//     [--widths W1,W2,..] [--dump FILE.jsonl] [--engine auto|onnxruntime|tfjs]
// Each trial measures the spec's 4 archs as 4 base/head pairs in the same rounds (fresh networks every trial):
//   aa-load    head = identical copy of base, two busy-loop node processes competing
//              -> target: slower+faster <= 1%, same >= 90% of arch-verdicts (>= 200 of them by default)
//   slow-idle  head = base's network with a side branch costing 10% of it, one inference (bench/ab-slowdown.ts
//              says why not a busy-wait), no competitors spawned; the calibrated ratio per arch is printed first
//   slow-load  the same under the two busy processes   -> target: slower >= 95% idle, >= 90% loaded, never same/faster
// The time of one trial is the time the PR check's A/B latency takes. The machine is shared: the load average
// (1 min) is printed with every figure, at the start and end of each scenario.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { appendFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import type { NetworkWorkload } from '../src/latency/networks.js';
import { createNetworkWorkload, describeEngine, resolveLatencyEngine } from '../src/latency/engine.js';
import { cpuClockMs } from '../src/latency/ab-measure.js';
import { quantile } from '../src/stats/descriptive.js';
import { calibrateSlowdown, withExtraBranch, type Slowdown } from './ab-slowdown.js';
import { abLatencyConfig, latencyAb, type AbLatencyPair } from '../src/compare/ab-latency.js';
import { readSpec } from '../src/commands/spec-io.js';
import type { AbVerdict } from '../src/compare/ab-types.js';

const { values: args } = parseArgs({
  options: {
    'aa-trials': { type: 'string', default: '50' },
    'slow-trials': { type: 'string', default: '20' },
    only: { type: 'string', default: 'aa-load,slow-idle,slow-load' },
    spec: { type: 'string', default: 'configs/pr-check.yml' },
    'budget-s': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'fast-fraction': { type: 'string' },
    dump: { type: 'string' },
    widths: { type: 'string' },
    engine: { type: 'string' },
  },
});
const spec = readSpec(args.spec!);
const backend = await initBackend('wasm');
// The latency engine as `run --base-ref` picks it (the spec's latency.engine, auto by default), or --engine.
const engineChoice = args.engine as typeof spec.latency.engine;
const engine = await resolveLatencyEngine({ ...spec.latency, ...(engineChoice ? { engine: engineChoice } : {}) }, backend);
const cfg = abLatencyConfig(spec.latency, spec.thresholds, Number(args.seed), engine.threads);
if (args['budget-s']) cfg.budgetMs = 1000 * Number(args['budget-s']);
const archs = spec.archs.kind === 'list' ? spec.archs.items.map(String) : [];
const load = () => loadavg()[0]!.toFixed(1);

// The 10% slower head: base's network + a side branch costing 10% of it, in one graph (bench/ab-slowdown.ts).
const verdictClock = cfg.clock === 'cpu' ? cpuClockMs : () => performance.now();
const slowdowns = new Map<string, Slowdown>();
const fixedWidths = args.widths ? args.widths.split(',').map(Number) : [];
for (const [i, a] of archs.entries()) {
  slowdowns.set(a, await calibrateSlowdown(engine, buildNb201(a), a, spec.seed, verdictClock, fixedWidths[i] ? { width: fixedWidths[i] } : {}));
}

const spawned = new Set<ChildProcess>();
function competitors(n: number): ChildProcess[] {
  // Each checks now and then that the bench is still its parent: the bench's timing loop resolves in microtasks, so
  // a signal handler of its own may never run, and a killed bench must not leave busy loops behind.
  const loop = `const p = process.ppid; for (let i = 1; ; i++) if (i % 5e7 === 0 && process.ppid !== p) process.exit(0);`;
  const procs = Array.from({ length: n }, () => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }));
  for (const p of procs) spawned.add(p);
  return procs;
}
// Never leave the busy processes behind, even when the bench is interrupted.
process.on('exit', () => { for (const p of spawned) p.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

interface Tally { counts: Record<AbVerdict, number>; seconds: number[]; ratios: number[]; rounds: number[]; loads: number[] }

async function scenario(name: string, trials: number, slow: boolean, busy: number): Promise<Tally> {
  const procs = competitors(busy);
  const t: Tally = { counts: { same: 0, slower: 0, faster: 0, unsure: 0 }, seconds: [], ratios: [], rounds: [], loads: [] };
  const load0 = load();
  try {
    await new Promise((r) => setTimeout(r, 1000)); // let the competitors start
    for (let i = 0; i < trials; i++) {
      const pairs: AbLatencyPair[] = [];
      for (const a of archs) {
        const g = buildNb201(a);
        const base = await createNetworkWorkload(engine, g, a, 1, spec.seed);
        const head = await createNetworkWorkload(engine, slow ? withExtraBranch(g, slowdowns.get(a)!.width) : g, a, 1, spec.seed);
        pairs.push({ key: `${a}@1`, arch: a, batch: 1, base, head });
      }
      const t0 = performance.now();
      const res = await latencyAb(pairs, { ...cfg, seed: cfg.seed * 7919 + i });
      t.seconds.push((performance.now() - t0) / 1000);
      for (const p of pairs) { (p.base as NetworkWorkload).dispose(); (p.head as NetworkWorkload).dispose(); }
      for (const r of res.rows) { t.counts[r.verdict]++; t.ratios.push(r.ratio); }
      if (args.dump) appendFileSync(args.dump, JSON.stringify({ name, trial: i, load: loadavg()[0], pairs: [...res.samples].map(([k, s]) => ({ k, base: s.base, head: s.head })) }) + '\n');
      t.rounds.push(res.rounds);
      t.loads.push(loadavg()[0]!);
      process.stderr.write(`  ${name} ${i + 1}/${trials}: ${res.rows.map((r) => `${r.verdict} ${r.ratio.toFixed(3)}`).join(', ')} (${t.seconds.at(-1)!.toFixed(1)} s, ${res.rounds} rounds, load ${load()})\n`);
    }
  } finally {
    for (const p of procs) p.kill('SIGKILL');
  }
  const n = Object.values(t.counts).reduce((a, b) => a + b, 0);
  const pct = (k: AbVerdict) => `${k} ${t.counts[k]} (${(100 * t.counts[k] / n).toFixed(1)}%)`;
  const q = (xs: number[], p: number) => quantile(xs, p).toFixed(3);
  console.log(`\n${name}: ${n} arch-verdicts in ${trials} trials, ${busy} busy competitors; load avg (1 min) ${load0} at start, ${load()} at end`);
  console.log(`  ${pct('same')}, ${pct('slower')}, ${pct('faster')}, ${pct('unsure')}`);
  console.log(`  load avg (1 min) during the trials: median ${quantile(t.loads, 0.5).toFixed(1)}, range ${Math.min(...t.loads).toFixed(1)}-${Math.max(...t.loads).toFixed(1)}`);
  console.log(`  ratio head/base: median ${q(t.ratios, 0.5)}, 5-95% [${q(t.ratios, 0.05)}, ${q(t.ratios, 0.95)}]`);
  console.log(`  A/B latency time per trial (4 pairs): median ${q(t.seconds, 0.5)} s, max ${Math.max(...t.seconds).toFixed(1)} s; rounds median ${quantile(t.rounds, 0.5)}`);
  return t;
}

console.log(`A/B latency decision benchmark: ${args.spec} (${archs.length} archs, batch 1), latency engine ${describeEngine(engine)}` +
  `${engine.fallbackReason ? ` (onnxruntime unavailable: ${engine.fallbackReason})` : ''}, ${cpus().length} cores; load avg ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`  rule: alpha ${cfg.alpha}, min effect ${cfg.minEffect}, budget ${cfg.budgetMs / 1000} s, first look after ${cfg.minRounds} rounds, max ${cfg.maxRounds} rounds`);
console.log(`  10% slower head = base + a side branch of W channels in the same graph (bench/ab-slowdown.ts); W per arch: ${[...slowdowns.values()].map((v) => v.width).join(', ')}; ` +
  `calibrated ratio head/base on the ${cfg.clock} clock (fast-quarter means, 10 s of interleaved rounds): ${[...slowdowns.values()].map((v) => v.ratio.toFixed(3)).join(', ')}; load avg (1 min) ${load()}`);
const only = new Set(args.only!.split(','));
const tensors0 = tf.memory().numTensors;
if (only.has('aa-load')) await scenario('A/A under load', Number(args['aa-trials']), false, 2);
if (only.has('aa-idle')) await scenario('A/A idle', Number(args['aa-trials']), false, 0);
if (only.has('slow-idle')) await scenario('10% slower, idle', Number(args['slow-trials']), true, 0);
if (only.has('slow-load')) await scenario('10% slower, under load', Number(args['slow-trials']), true, 2);
console.log(`\ntensor leak: ${tf.memory().numTensors - tensors0}`);
