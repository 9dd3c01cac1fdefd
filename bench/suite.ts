// Full proxy suite on a fixed NB201 sample: seconds per arch, per proxy and in total, tensors before/after, RSS, and
// the same archs scored by the PyTorch reference (bench/torch_reference.py) in the same run, for tfjs/torch ratios.
//   node --import tsx bench/suite.ts [--archs N] [--batch 64] [--proxies a,b] [--torch] [--torch-threads 2[,1]]
//     [--cifar PATH] [--json FILE] [--jobs N]
// --jobs N scores the archs in N processes (a longest-first split by `zsnas run --jobs N`'s cost estimate) and reports the
// wall clock of the whole sample beside torch's, which uses its threads for the same cores.
// Real CIFAR-10 images (two batches: zico needs two), wasm backend, seed 0. Shared passes (one loss backward for
// grad_norm/snip/plain/zico, one input Jacobian for jacob_cov/epe_nas) are charged to the first proxy that needs them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../src/engine/backend.js';
import { readCifarBin } from '../src/data/cifar.js';
import type { CalibrationBatch } from '../src/data/batch.js';
import { countFlops, countParams } from '../src/graph/count.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { getProxy, resolveOptions } from '../src/proxies/index.js';
import { liveTensors, scoreArch, type ProxyRun } from '../src/proxies/score.js';
import { dealLongestFirst, schedulingCost } from '../src/commands/work-queue.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Mixed light and heavy cells; `--archs N` takes the first N. */
const ARCHS: Array<{ label: string; arch: string }> = [
  { label: 'avg_pool (idx 0)', arch: '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|' },
  { label: 'all 3x3', arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|' },
  { label: 'ResNet-like', arch: '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|' },
  { label: 'idx 9930', arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|' },
  { label: 'all 1x1', arch: '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|' },
  { label: 'mostly none', arch: '|none~0|+|skip_connect~0|none~1|+|none~0|none~1|nor_conv_3x3~2|' },
];
/** The reproduction configs' proxy list (configs/nb201-cifar10.yml): the "whole zsnas suite". */
const SUITE = ['params', 'flops', 'l2_norm', 'grad_norm', 'snip', 'grasp', 'fisher', 'plain', 'synflow', 'jacob_cov',
  'naswot', 'zen', 'zico', 'epe_nas', 'nn_mass'];
/** What bench/torch_reference.py implements (SamsungLabs zero-cost-nas procedures). */
const TORCH_SET = ['grad_norm', 'snip', 'grasp', 'fisher', 'jacob_cov', 'plain', 'synflow'];
/** Peaks (GFLOP/s, 2 FLOPs per multiply-add): TFJS.md, wasm SIMD without FMA ~20 per core, single-threaded in
 * Node; native AVX-512 with FMA ~162 per core, PyTorch on 2 threads. */
const PEAK_WASM = 20;
const PEAK_TORCH_PER_CORE = 162;

const { values: args } = parseArgs({
  options: {
    archs: { type: 'string', default: String(ARCHS.length) },
    batch: { type: 'string', default: '64' },
    proxies: { type: 'string', default: SUITE.join(',') },
    torch: { type: 'boolean', default: false },
    'torch-threads': { type: 'string', default: '2' },
    cifar: { type: 'string', default: join(process.env.ZSNAS_DATA_DIR ?? join(ROOT, '..', 'shared', 'data'), 'cifar', 'cifar10_test_300_jpeg.bin') },
    json: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    worker: { type: 'string' },
  },
});
const positive = (name: string, v: string, max = Infinity): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name}: expected an integer 1..${max}, got "${v}"`);
  return n;
};
const nArchs = positive('archs', args.archs, ARCHS.length);
const batchSize = positive('batch', args.batch, 150);
const torchThreads = args['torch-threads'].split(',').map((t) => positive('torch-threads', t.trim(), 64));
const proxyNames = args.proxies.split(',').map((s) => s.trim()).filter(Boolean);
// CPU seconds of this process per proxy (every thread: onnxruntime's and tfjs's work both count), recorded around
// each proxy's compute; wall seconds under a loaded machine measure the scheduler as much as the proxy.
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
let lastCpu = new Map<string, number>();
const runs: ProxyRun[] = proxyNames.map((name) => {
  const proxy = getProxy(name);
  const compute: typeof proxy.compute = async (ctx, options) => {
    const c0 = cpuNow();
    try { return await proxy.compute(ctx, options); } finally { lastCpu.set(name, cpuNow() - c0); }
  };
  return { proxy: { ...proxy, compute }, options: resolveOptions(proxy, {}) };
});
const jobs = positive('jobs', args.jobs, 16);
const worker = args.worker ? args.worker.split('/').map(Number) : undefined;
// Workers take a balanced share (longest first by the --jobs queue's cost estimate), reported in ARCHS order.
const share = worker ? new Set(dealLongestFirst(ARCHS.slice(0, nArchs).map((a) => a.arch),
  (a) => schedulingCost(buildNb201(a, 'cifar10')), worker[1])[worker[0]]) : undefined;
const sample = ARCHS.slice(0, nArchs).filter((a) => !share || share.has(a.arch));

// ---- tfjs ----------------------------------------------------------------------------------------------------
const load0 = loadavg();
const info = await initBackend('wasm');
const all = readCifarBin(args.cifar, { dataset: 'cifar10', count: 2 * batchSize });
const per = all.height * all.width * 3;
const batches: CalibrationBatch[] = [0, 1].map((b) => ({
  images: all.images.slice(b * batchSize * per, (b + 1) * batchSize * per),
  labels: all.labels.slice(b * batchSize, (b + 1) * batchSize),
  n: batchSize, height: all.height, width: all.width,
}));
console.log(`tfjs ${info.version} backend ${info.tfName}, ${info.threads} thread; batch ${batchSize} x 2 real CIFAR-10 ` +
  `(${args.cifar}); ${sample.length} archs; proxies: ${proxyNames.join(', ')}`);
console.log(`load average before: ${load0.map((v) => v.toFixed(2)).join(' ')}\n`);

interface TfjsArch {
  label: string; arch: string; params: number; macs: number; seconds: number;
  proxies: Record<string, { seconds: number; cpu: number; engine?: string; value: number; status: string; error?: string }>;
  tensorsBefore: number; tensorsAfter: number; rssMb: number; peakRssMb: number;
}
const mb = (bytes: number) => bytes / 2 ** 20;
{ // Warm-up, untimed (first-use kernel setup and JIT): a light arch, 4 images, one pass of each kind.
  const small = batches.map((b) => ({ ...b, n: 4, images: b.images.slice(0, 4 * per), labels: b.labels.slice(0, 4) }));
  const warm = ['grad_norm', 'jacob_cov', 'synflow'].map((name) => ({ proxy: getProxy(name), options: resolveOptions(getProxy(name), {}) }));
  await scoreArch(buildNb201(ARCHS[0].arch, 'cifar10'), ARCHS[0].arch, warm, 0, small);
}
const tfjs: TfjsArch[] = [];
const wall0 = performance.now();
if (jobs > 1 && !worker) {
  // Children score their balanced shares concurrently; their rows come back as JSON.
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-bench-jobs-'));
  const children = Array.from({ length: jobs }, (_, i) => new Promise<TfjsArch[]>((done, fail) => {
    const out = join(dir, `w${i}.json`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/suite.ts', '--worker', `${i}/${jobs}`, '--archs', String(nArchs),
      '--batch', String(batchSize), '--proxies', proxyNames.join(','), '--cifar', args.cifar, '--json', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? done(JSON.parse(readFileSync(out, 'utf8')).tfjs) : fail(new Error(`worker ${i} exited ${code}`))));
  }));
  const results = (await Promise.all(children)).flat();
  for (const { arch } of sample) tfjs.push(results.find((r) => r.arch === arch)!);
  rmSync(dir, { recursive: true, force: true });
  for (const r of tfjs) console.log(`tfjs ${r.seconds.toFixed(1).padStart(7)} s  ${r.label}`);
} else {
  for (const { label, arch } of sample) {
    const tensorsBefore = liveTensors();
    const t0 = performance.now();
    const graph = buildNb201(arch, 'cifar10');
    lastCpu = new Map();
    const rows = await scoreArch(graph, arch, runs, 0, batches);
    const seconds = (performance.now() - t0) / 1000;
    const r: TfjsArch = {
      label, arch, params: countParams(graph), macs: countFlops(graph), seconds, proxies: {},
      tensorsBefore, tensorsAfter: liveTensors(), rssMb: mb(process.memoryUsage().rss),
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
    for (const row of rows) {
      r.proxies[row.proxy] = { seconds: row.seconds ?? NaN, cpu: lastCpu.get(row.proxy) ?? NaN, ...(row.engine ? { engine: row.engine } : {}), value: row.value, status: row.status, ...(row.error ? { error: row.error } : {}) };
    }
    tfjs.push(r);
    const failed = rows.filter((x) => x.status === 'error').map((x) => `${x.proxy}: ${x.error}`);
    console.log(`tfjs ${seconds.toFixed(1).padStart(7)} s  ${label}${failed.length ? `  ERRORS ${failed.join('; ')}` : ''}`);
  }
}
const tfjsWall = (performance.now() - wall0) / 1000;
if (worker) {
  writeFileSync(args.json!, JSON.stringify({ tfjs }));
  process.exit(0);
}

// ---- torch ---------------------------------------------------------------------------------------------------
interface TorchArch { arch: string; params: number; build_s: number; total_s: number; peak_rss_mb: number;
  proxies: Record<string, { seconds: number; value: number }> }
interface TorchRun { torch: string; threads: number; archs: TorchArch[] }
const torchRuns: TorchRun[] = [];
const torchSet = TORCH_SET.filter((p) => proxyNames.includes(p));
if (args.torch && torchSet.length) {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-bench-'));
  try {
    const list = join(dir, 'archs.txt');
    writeFileSync(list, sample.map((s) => s.arch).join('\n') + '\n');
    for (const threads of torchThreads) {
      const cmd = ['bench/torch_reference.py', '--archs', list, '--batch', String(batchSize), '--threads', String(threads),
        '--cifar', args.cifar, '--proxies', torchSet.join(',')];
      // Passive OpenMP waits: spinning workers on a core another process is using slow PyTorch down many times over.
      const env = { ...process.env, OMP_NUM_THREADS: String(threads), OMP_WAIT_POLICY: process.env.OMP_WAIT_POLICY ?? 'PASSIVE' };
      console.log(`torch, ${threads} thread${threads > 1 ? 's' : ''} (OMP_WAIT_POLICY=${env.OMP_WAIT_POLICY}):`);
      const p = spawnSync('/usr/bin/python3', cmd, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
      if (p.status !== 0) throw new Error(`bench/torch_reference.py exited with ${p.status ?? p.signal}`);
      torchRuns.push(JSON.parse(p.stdout.replace(/\bNaN\b/g, 'null').replace(/-?\bInfinity\b/g, 'null')) as TorchRun);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const load1 = loadavg();

// ---- report --------------------------------------------------------------------------------------------------
function table(header: string[], rows: string[][]): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(line(header));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
}
const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : String(v));
const sumOf = (p: Record<string, { seconds: number }>, names: string[]) => names.reduce((a, n) => a + (p[n]?.seconds ?? 0), 0);
/** Useful FLOPs of one forward+backward: 2 FLOPs per MAC x batch x 3 (backward ~ 2 forwards). */
const fwdBwdGflop = (macs: number) => (2 * macs * batchSize * 3) / 1e9;

console.log(`\n== tfjs-wasm: seconds per proxy (shared passes charged to the first user) ==`);
table(['arch', ...proxyNames, 'total'], tfjs.map((r) => [r.label, ...proxyNames.map((n) => f(r.proxies[n]?.seconds ?? NaN)), f(r.seconds)]));

console.log(`== CPU seconds per proxy, all threads of the process (engine of its gradient passes where it ran any) ==`);
table(['proxy', ...tfjs.map((r) => r.label), 'sum', 'engine'], proxyNames.map((n) => {
  const cells = tfjs.map((r) => r.proxies[n]?.cpu ?? NaN);
  const engines = [...new Set(tfjs.flatMap((r) => (r.proxies[n]?.engine ? [r.proxies[n].engine!] : [])))].join(',');
  return [n, ...cells.map((v) => f(v)), f(cells.reduce((a, b) => a + b, 0)), engines || '-'];
}));
console.log(`== tfjs-wasm: tensors and memory ==`);
table(['arch', 'params', 'MMACs', 'tensors before', 'after', 'RSS after MB', 'peak RSS MB'], tfjs.map((r) => [
  r.label, r.params.toLocaleString('en-US'), f(r.macs / 1e6, 1), String(r.tensorsBefore), String(r.tensorsAfter), f(r.rssMb, 0), f(r.peakRssMb, 0)]));

const torchName = (t: TorchRun) => `torch ${t.threads}t`;
const torchOf = (t: TorchRun) => new Map(t.archs.map((a) => [a.arch, a]));
for (const t of torchRuns) {
  const byArch = torchOf(t);
  console.log(`== PyTorch ${t.torch} CPU, ${t.threads} thread(s): seconds per proxy (each on a fresh copy, Samsung procedure) ==`);
  table(['arch', ...torchSet, 'build', 'total', 'peak RSS MB'], tfjs.map((r) => {
    const a = byArch.get(r.arch)!;
    return [r.label, ...torchSet.map((n) => f(a.proxies[n]?.seconds ?? NaN)), f(a.build_s, 3), f(a.total_s), f(a.peak_rss_mb, 0)];
  }));
}
if (torchRuns.length) {
  console.log(`== seconds per arch: tfjs (${torchSet.length} proxies, and the whole suite of ${proxyNames.length}) vs torch (${torchSet.length} proxies) ==`);
  const maps = torchRuns.map(torchOf);
  const header = ['arch', `tfjs ${torchSet.length}`, `tfjs all ${proxyNames.length}`];
  for (const t of torchRuns) header.push(torchName(t), `${torchSet.length}/${torchSet.length}`, `all/${torchSet.length}`);
  header.push('#params torch=tfjs');
  const total = { same: 0, all: 0, torch: torchRuns.map(() => 0) };
  const rows = tfjs.map((r) => {
    const same = sumOf(r.proxies, torchSet);
    total.same += same;
    total.all += r.seconds;
    const row = [r.label, f(same, 1), f(r.seconds, 1)];
    maps.forEach((m, i) => {
      const t = m.get(r.arch)!.total_s;
      total.torch[i] += t;
      row.push(f(t, 1), `${f(same / t, 1)}x`, `${f(r.seconds / t, 1)}x`);
    });
    const params = maps[0].get(r.arch)!.params;
    row.push(params === r.params ? 'ok' : `MISMATCH ${params}`);
    return row;
  });
  const sumRow = ['all archs', f(total.same, 1), f(total.all, 1)];
  total.torch.forEach((t) => sumRow.push(f(t, 1), `${f(total.same / t, 1)}x`, `${f(total.all / t, 1)}x`));
  table(header, [...rows, [...sumRow, '']]);

  console.log(`== seconds per proxy, summed over archs ==`);
  table(['proxy', 'tfjs', ...torchRuns.flatMap((t) => [torchName(t), 'ratio'])], torchSet.map((n) => {
    const a = tfjs.reduce((s, r) => s + (r.proxies[n]?.seconds ?? 0), 0);
    return [n, f(a, 1), ...torchRuns.flatMap((t) => {
      const b = t.archs.reduce((s, x) => s + (x.proxies[n]?.seconds ?? 0), 0);
      return [f(b, 1), `${f(a / b, 1)}x`];
    })];
  }));

  console.log(`== values (synflow: natural log; torch's init differs from tfjs's seeded init, so only magnitudes compare) ==`);
  const byArch = maps[0];
  table(['arch', ...torchSet.flatMap((n) => [`${n} tfjs`, 'torch'])], tfjs.map((r) => {
    const t = byArch.get(r.arch)!;
    return [r.label, ...torchSet.flatMap((n) => {
      const tv = t.proxies[n]?.value ?? NaN;
      return [r.proxies[n]?.value ?? NaN, n === 'synflow' ? Math.log(tv) : tv].map((v) => Number(v).toPrecision(3));
    })];
  }));
}

if (proxyNames.includes('grad_norm')) {
  console.log(`== achieved GFLOP/s of one forward+backward at batch ${batchSize} (grad_norm's pass; FLOPs = 2 x MACs x batch x 3) ==`);
  console.log(`Peaks assumed: tfjs-wasm, 1 thread, SIMD without FMA: ${PEAK_WASM} GFLOP/s; PyTorch (oneDNN, AVX-512 FMA): ` +
    `${PEAK_TORCH_PER_CORE} GFLOP/s per thread. tfjs's pass is checkpointed: its extra forward is not counted as useful work.`);
  const header = ['arch', 'GFLOP', 'tfjs s', 'GFLOP/s', `% of ${PEAK_WASM}`];
  for (const t of torchRuns) header.push(`${torchName(t)} s`, 'GFLOP/s', `% of ${PEAK_TORCH_PER_CORE * t.threads}`);
  const maps = torchRuns.map(torchOf);
  table(header, tfjs.map((r) => {
    const g = fwdBwdGflop(r.macs);
    const ts = r.proxies.grad_norm.seconds;
    const row = [r.label, f(g, 1), f(ts), f(g / ts, 2), `${f((100 * g) / ts / PEAK_WASM, 1)}%`];
    torchRuns.forEach((t, i) => {
      const tt = maps[i].get(r.arch)?.proxies.grad_norm?.seconds ?? NaN;
      row.push(f(tt), f(g / tt, 1), `${f((100 * g) / tt / (PEAK_TORCH_PER_CORE * t.threads), 1)}%`);
    });
    return row;
  }));
}
console.log(`wall clock for the whole sample: tfjs ${f(tfjsWall, 1)} s (${jobs} process${jobs > 1 ? 'es' : ''})` +
  torchRuns.map((t) => `, ${torchName(t)} ${f(t.archs.reduce((a, x) => a + x.total_s, 0), 1)} s (ratio tfjs/torch ` +
    `${f(tfjsWall / t.archs.reduce((a, x) => a + x.total_s, 0), 2)} for the whole suite vs torch's ${torchSet.length})`).join(''));
const torchRss = torchRuns.flatMap((t) => t.archs.map((a) => a.peak_rss_mb));
console.log(`peak RSS: tfjs process ${f(Math.max(...tfjs.map((r) => r.peakRssMb)), 0)} MB` +
  (torchRss.length ? `, torch process ${f(Math.max(...torchRss), 0)} MB` : ''));
console.log(`load average (1/5/15 min) before ${load0.map((v) => v.toFixed(2)).join(' ')}, after ${load1.map((v) => v.toFixed(2)).join(' ')}`);
const leaks = tfjs.filter((r) => r.tensorsAfter !== r.tensorsBefore);
if (leaks.length) console.log(`TENSOR LEAK: ${leaks.map((r) => `${r.label} ${r.tensorsBefore} -> ${r.tensorsAfter}`).join(', ')}`);
if (args.json) {
  writeFileSync(args.json, JSON.stringify({ batch: batchSize, backend: info, load: { before: load0, after: load1 }, tfjs, torch: torchRuns }, null, 1));
}
