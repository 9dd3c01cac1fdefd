// zsnas against PyTorch on the same cores, whole processes timed alike (start-up, data loading and network building
// counted on every side), interleaved round by round (A B C ... A B C ...):
//   zsnas 7     `zsnas run --jobs 2` with the 7 SamsungLabs proxies (balanced queue, the CLI as users run it)
//   zsnas all   the same with the whole suite (configs/nb201-cifar10.yml's 15 proxies)
//   torch 2t    bench/torch_reference.py, the Samsung procedure (each proxy on a fresh copy), 2 threads, one process
//   torch 1t    the same, 1 thread, two processes sharing the archs longest first (as zsnas's queue orders them)
//   torch best  shared passes (--shared: one loss backward for grad_norm/snip/plain/fisher/grasp's g), OpenBLAS
//               when --openblas DIR is given, 1 thread x two processes, longest first
//   zsnas all @24  the whole suite under Node 24 (--node24 PATH, or `npx -y node@24` found on its own)
// Every side uses OMP_WAIT_POLICY=PASSIVE. Prints wall and CPU seconds (children included) per round, the median
// ratios against torch 2t and torch best, and the load average before and after each measurement.
//   npm run build && node --import tsx bench/side-by-side.ts [--rounds 2] [--batch 64] [--openblas DIR]
//     [--node24 PATH] [--only zsnas7,torch2t,...] [--json FILE]
// OpenBLAS without touching the system's BLAS: apt-get download libopenblas0-pthread && dpkg -x *.deb DIR, then
// --openblas DIR/usr/lib/x86_64-linux-gnu/openblas-pthread (torch and numpy load its libblas.so.3 first).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { dealLongestFirst, schedulingCost } from '../src/commands/work-queue.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARCHS = [
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|',
  '|none~0|+|skip_connect~0|none~1|+|none~0|none~1|nor_conv_3x3~2|',
];
const SAMSUNG = ['grad_norm', 'snip', 'grasp', 'fisher', 'jacob_cov', 'plain', 'synflow'];
const SUITE = ['params', 'flops', 'l2_norm', 'grad_norm', 'snip', 'grasp', 'fisher', 'plain', 'synflow', 'jacob_cov',
  'naswot', 'zen', 'zico', 'epe_nas', 'nn_mass'];

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    batch: { type: 'string', default: '64' },
    openblas: { type: 'string' },
    node24: { type: 'string' },
    only: { type: 'string' },
    cifar: { type: 'string', default: join(process.env.ZSNAS_DATA_DIR ?? join(ROOT, '..', 'shared', 'data'), 'cifar', 'cifar10_test_300_jpeg.bin') },
    json: { type: 'string' },
  },
});
const rounds = Number(args.rounds);
const batch = Number(args.batch);
if (!existsSync(join(ROOT, 'build', 'cli.js'))) throw new Error('build/cli.js is missing: run `npm run build` first (the bench times the CLI users run)');
if (!existsSync(args.cifar)) throw new Error(`${args.cifar}: CIFAR-10 binary not found (--cifar PATH or ZSNAS_DATA_DIR)`);
if (args.openblas && !existsSync(join(args.openblas, 'libblas.so.3'))) throw new Error(`--openblas ${args.openblas}: no libblas.so.3 there`);

const dir = mkdtempSync(join(tmpdir(), 'zsnas-side-by-side-'));
const archFile = join(dir, 'archs.txt');
writeFileSync(archFile, ARCHS.join('\n') + '\n');
// Longest first, dealt to whichever of the two torch processes has less estimated work (the queue's schedule when
// the estimate is right; torch cannot ask a parent for its next arch).
const halves = dealLongestFirst(ARCHS, (a) => schedulingCost(buildNb201(a, 'cifar10')), 2);
const halfFiles = halves.map((h, k) => { const f = join(dir, `half${k}.txt`); writeFileSync(f, h.join('\n') + '\n'); return f; });

function specFile(name: string, proxies: string[]): string {
  const f = join(dir, `${name}.yml`);
  writeFileSync(f, `name: ${name}\nspace: nb201\ndataset: cifar10\nseed: 0\narchs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]\n` +
    `data: { cifar_bin: '${args.cifar}', batch_size: ${batch}, batches: 2 }\nproxies: [${proxies.join(', ')}]\nlatency: false\nbackend: wasm\n`);
  return f;
}

function node24(): string | undefined {
  if (args.node24) return args.node24;
  const p = spawnSync('npx', ['-y', 'node@24', '-p', 'process.execPath'], { encoding: 'utf8' });
  return p.status === 0 ? p.stdout.trim() : undefined;
}

interface Proc { cmd: string[]; env?: Record<string, string> }
interface Side { name: string; procs: Proc[] }
const passive = { OMP_WAIT_POLICY: 'PASSIVE' };
const torch = (threads: number, file: string, extra: string[] = [], env: Record<string, string> = {}): Proc => ({
  cmd: ['/usr/bin/python3', 'bench/torch_reference.py', '--archs', file, '--batch', String(batch), '--threads', String(threads),
    '--cifar', args.cifar, '--proxies', SAMSUNG.join(','), ...extra],
  env: { ...passive, OMP_NUM_THREADS: String(threads), ...env },
});
const zsnas = (nodePath: string, spec: string, out: string): Proc => ({
  cmd: [nodePath, 'bin/zsnas.js', 'run', spec, '--jobs', '2', '--out', join(dir, out)], env: passive,
});
const blas: Record<string, string> = args.openblas ? { LD_LIBRARY_PATH: args.openblas } : {};
const n24 = node24();
const sides: Side[] = [
  { name: 'zsnas 7', procs: [zsnas(process.execPath, specFile('samsung7', SAMSUNG), 'z7')] },
  { name: 'torch 2t', procs: [torch(2, archFile)] },
  { name: 'zsnas all', procs: [zsnas(process.execPath, specFile('suite', SUITE), 'zall')] },
  { name: 'torch 1t', procs: halfFiles.map((f) => torch(1, f)) },
  { name: 'torch best', procs: halfFiles.map((f) => torch(1, f, ['--shared'], blas)) },
  ...(n24 ? [{ name: 'zsnas all @24', procs: [zsnas(n24, join(dir, 'suite.yml'), 'zall24')] }] : []),
];
const only = args.only?.split(',').map((s) => s.trim());
const chosen = only ? sides.filter((s) => only.includes(s.name.replace(/\s+/g, ''))) : sides;

/** Runs one process under /usr/bin/time: wall from spawn to exit, CPU = user + sys of it and its children. */
function runProc(p: Proc, k: number): Promise<{ wall: number; cpu: number }> {
  const timeFile = join(dir, `time-${k}.txt`);
  const out = p.cmd.indexOf('--out');
  if (out >= 0) rmSync(p.cmd[out + 1], { recursive: true, force: true }); // no journal to resume from: every round scores afresh
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, ...p.cmd], {
      cwd: ROOT, env: { ...process.env, ...p.env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let tail = '';
    child.stderr.on('data', (b: Buffer) => { tail = (tail + b.toString()).slice(-2000); });
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0) return fail(new Error(`${p.cmd.slice(0, 3).join(' ')} exited ${code}: ${tail}`));
      const [u, s] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      done({ wall, cpu: u + s });
    });
  });
}

interface Row { round: number; side: string; wall: number; cpu: number; loadBefore: number[]; loadAfter: number[] }
const rows: Row[] = [];
const fmt = (v: number, d = 1) => v.toFixed(d);
console.log(`side by side, ${ARCHS.length} NB201 archs, batch ${batch}, ${rounds} rounds; torch halves by estimated cost: ` +
  `${halves.map((h) => h.length).join(' + ')} archs; OpenBLAS ${args.openblas ? 'yes' : 'no (system BLAS)'}; Node 24 ${n24 ?? 'not found'}`);
for (let r = 1; r <= rounds; r++) {
  for (const side of chosen) {
    const loadBefore = loadavg();
    const times = await Promise.all(side.procs.map((p, k) => runProc(p, k)));
    const row = { round: r, side: side.name, wall: Math.max(...times.map((t) => t.wall)), cpu: times.reduce((a, t) => a + t.cpu, 0), loadBefore, loadAfter: loadavg() };
    rows.push(row);
    console.log(`round ${r}  ${side.name.padEnd(14)} wall ${fmt(row.wall).padStart(6)} s  cpu ${fmt(row.cpu).padStart(6)} s  ` +
      `load ${loadBefore.map((v) => v.toFixed(2)).join(' ')} -> ${row.loadAfter.map((v) => v.toFixed(2)).join(' ')}`);
  }
}
rmSync(dir, { recursive: true, force: true });

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
/** Per-round ratios (a and b measured next to each other), then their median: robust to load drifting between rounds. */
function ratio(a: string, b: string, key: 'wall' | 'cpu'): string {
  const rs: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const x = rows.find((w) => w.round === r && w.side === a), y = rows.find((w) => w.round === r && w.side === b);
    if (x && y) rs.push(x[key] / y[key]);
  }
  return rs.length ? `${median(rs).toFixed(2)}x (rounds: ${rs.map((v) => v.toFixed(2)).join(', ')})` : 'n/a';
}
console.log('\nmedian per-round ratios (wall | cpu):');
const pairs: Array<[string, string, string]> = [
  ['zsnas 7', 'torch 2t', 'target <= 1.0'], ['zsnas all', 'torch 2t', 'target <= 1.5'], ['zsnas 7', 'torch 1t', ''],
  ['zsnas all', 'torch 1t', ''], ['zsnas 7', 'torch best', ''], ['zsnas all', 'torch best', ''], ['torch 2t', 'torch best', ''],
  ['zsnas all @24', 'zsnas all', 'Node 24 / Node 20'],
];
for (const [a, b, note] of pairs) {
  if (!rows.some((r) => r.side === a) || !rows.some((r) => r.side === b)) continue;
  console.log(`  ${`${a} / ${b}`.padEnd(28)} ${ratio(a, b, 'wall')} | ${ratio(a, b, 'cpu')}${note ? `   ${note}` : ''}`);
}
if (args.json) writeFileSync(args.json, JSON.stringify({ batch, rounds, archs: ARCHS, halves, rows }, null, 1));
