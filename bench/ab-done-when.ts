// Issue 10's "done when", as a new user would try it: the action's bundle run as the runner runs it (a child
// process with INPUT_*, an event payload, GITHUB_OUTPUT), on a pull_request event in a throwaway git checkout
// whose base and head commits differ only where the scenario says.
//   aa     N runs of the PR-check spec (configs/pr-check.yml with its committed baseline) where head changes
//          nothing the spec uses: the expected answer is no latency regression, every time.
//   conv   a model repository with a named model `cand` whose head version has one more 3x3 conv (and a model
//          `steady` that does not change): the expected answer is `cand` slower, `steady` never slower/faster.
// Prints per run: exit code, the action's verdict and regressions, the latency-ab.csv verdicts and ratios, the A/B
// latency seconds (run.json) and the whole action's wall time (install excluded: base and head scored, measured,
// compared, reported). The load average is printed with every run; the machine may be shared.
//   npm run bundle && node --import tsx bench/ab-done-when.ts [--bundle dist/action/index.js] [--aa-runs 10]
//     [--only aa,conv] [--engine auto|onnxruntime|tfjs]
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parseLatencyAbCsv } from '../src/compare/latency-ab-csv.js';

const { values: args } = parseArgs({
  options: {
    bundle: { type: 'string', default: 'dist/action/index.js' },
    'aa-runs': { type: 'string', default: '10' },
    only: { type: 'string', default: 'aa,conv' },
    engine: { type: 'string' },
  },
});
const bundle = resolve(args.bundle!);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** A checkout as actions/checkout leaves it for a PR: base commit with `base`, head commit (checked out) with `head` on top. */
function checkout(base: Record<string, string>, head: Record<string, string>): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-donewhen-'));
  const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@zsnas.invalid', '-c', 'commit.gpgsign=false', ...a], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  const commit = (files: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  writeFileSync(join(dir, '.gitignore'), 'out/\n');
  return { dir, baseSha: commit(base, 'base'), headSha: commit(head, 'head') };
}

function outputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]!] = m[3]!;
  return out;
}

interface Run { code: number; verdict: string; regressions: string; ab: Array<{ arch: string; verdict: string; ratio: number; ciLow: number; ciHigh: number }>; abSeconds: number; wallSeconds: number; log: string }

async function runAction(co: { dir: string; baseSha: string; headSha: string }, spec: string): Promise<Run> {
  const temp = mkdtempSync(join(tmpdir(), 'zsnas-runner-'));
  const event = { action: 'synchronize', number: 1, pull_request: { number: 1, head: { sha: co.headSha, repo: { full_name: 'bench/zsnas' } }, base: { sha: co.baseSha, repo: { full_name: 'bench/zsnas' } } } };
  writeFileSync(join(temp, 'event.json'), JSON.stringify(event));
  for (const f of ['output.txt', 'summary.md']) writeFileSync(join(temp, f), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? temp, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(temp, 'event.json'), GITHUB_REPOSITORY: 'bench/zsnas', GITHUB_RUN_ID: '1', GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9', GITHUB_OUTPUT: join(temp, 'output.txt'), GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    RUNNER_TEMP: temp, GITHUB_WORKSPACE: co.dir,
    INPUT_SPEC: spec, INPUT_MODE: 'run', INPUT_COMMENT: 'false', 'INPUT_FAIL-ON-REGRESSION': 'true', 'INPUT_RESULTS-DIR': 'out',
    ...(args.engine ? { ZSNAS_LATENCY_ENGINE: args.engine } : {}),
  };
  rmSync(join(co.dir, 'out'), { recursive: true, force: true });
  const t0 = performance.now();
  const { code, log } = await new Promise<{ code: number; log: string }>((done) => {
    execFile(process.execPath, [bundle], { cwd: co.dir, env, timeout: 300_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const c = err ? (err as { code?: unknown }).code : 0;
      done({ code: typeof c === 'number' ? c : 1, log: `${stdout}${stderr}` });
    });
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  const o = outputs(readFileSync(join(temp, 'output.txt'), 'utf8'));
  const resultsDir = o['results-dir'] ? resolve(co.dir, o['results-dir']) : join(co.dir, 'out');
  let ab: Run['ab'] = [];
  let abSeconds = NaN;
  try {
    const csv = join(resultsDir, 'latency-ab.csv');
    ab = parseLatencyAbCsv(readFileSync(csv, 'utf8'), csv);
    abSeconds = JSON.parse(readFileSync(join(resultsDir, 'run.json'), 'utf8')).ab?.latencySeconds ?? NaN;
  } catch { /* reported as no rows */ }
  rmSync(temp, { recursive: true, force: true });
  return { code, verdict: o.verdict ?? '-', regressions: o.regressions ?? '-', ab, abSeconds, wallSeconds, log };
}

function print(name: string, i: number, r: Run): void {
  const rows = r.ab.map((x) => `${x.arch.length > 12 ? x.arch.slice(0, 12) + '…' : x.arch} ${x.verdict} ${x.ratio.toFixed(3)} [${x.ciLow.toFixed(3)}, ${x.ciHigh.toFixed(3)}]`).join('; ');
  console.log(`${name} ${i}: exit ${r.code}, verdict ${r.verdict}, regressions ${r.regressions}; A/B: ${rows || 'none'}; A/B latency ${r.abSeconds.toFixed(1)} s, action ${r.wallSeconds.toFixed(1)} s; load ${load()}`);
  if (r.code !== 0 && r.ab.length === 0) console.log(r.log.split('\n').slice(-15).join('\n'));
}

function summary(name: string, runs: Run[]): void {
  const verdicts: Record<string, number> = {};
  for (const r of runs) for (const x of r.ab) verdicts[x.verdict] = (verdicts[x.verdict] ?? 0) + 1;
  const wall = runs.map((r) => r.wallSeconds).sort((a, b) => a - b);
  const ab = runs.map((r) => r.abSeconds).sort((a, b) => a - b);
  console.log(`${name}: ${runs.length} runs, failed jobs ${runs.filter((r) => r.code !== 0).length}, latency regressions ${runs.reduce((s, r) => s + r.ab.filter((x) => x.verdict === 'slower').length, 0)}; ` +
    `A/B verdicts ${JSON.stringify(verdicts)}; action wall s min/median/max ${wall[0]!.toFixed(1)}/${wall[wall.length >> 1]!.toFixed(1)}/${wall.at(-1)!.toFixed(1)}; ` +
    `A/B latency s median ${ab[ab.length >> 1]!.toFixed(1)}`);
}

console.log(`bundle ${bundle}; ${new Date().toISOString()}; load avg ${load()}${args.engine ? `; ZSNAS_LATENCY_ENGINE=${args.engine}` : ''}`);
const only = new Set(args.only!.split(','));
if (only.has('aa')) {
  const files = { 'configs/pr-check.yml': readFileSync('configs/pr-check.yml', 'utf8'), 'reports/baselines/pr-check.json': readFileSync('reports/baselines/pr-check.json', 'utf8') };
  const co = checkout(files, { 'NOTES.md': 'a change that the experiment does not use\n' });
  const runs: Run[] = [];
  for (let i = 1; i <= Number(args['aa-runs']); i++) { runs.push(await runAction(co, 'configs/pr-check.yml')); print('A/A', i, runs.at(-1)!); }
  summary('A/A (PR-check spec, head changes nothing it uses)', runs);
  rmSync(co.dir, { recursive: true, force: true });
}
if (only.has('conv')) {
  const model = (extra: string) => `  - name: cand\n    stem: {kernel: 3, width: 16}\n    stages:\n      - {block: conv, width: 16}\n      - {block: conv, width: 32, stride: 2}\n${extra}`;
  const spec = (extra: string) => `name: one-more-conv\nspace: keras\ndataset: cifar10\nmodels:\n${model(extra)}` +
    `  - name: steady\n    stem: {kernel: 3, width: 16}\n    stages:\n      - {block: residual, width: 16}\n` +
    `data: { gaussian: { seed: 0 }, batch_size: 8, batches: 1 }\nproxies: [params, flops]\nlatency: { batch_sizes: [1] }\nbackend: wasm\n`;
  const co = checkout({ 'models.yml': spec('') }, { 'models.yml': spec('      - {block: conv, width: 32}\n') });
  const r = await runAction(co, 'models.yml');
  print('one more 3x3 conv', 1, r);
  const cand = r.ab.find((x) => x.arch === 'cand');
  console.log(`one more 3x3 conv: cand ${cand?.verdict ?? 'missing'} (expected slower), steady ${r.ab.find((x) => x.arch === 'steady')?.verdict ?? 'missing'}`);
  rmSync(co.dir, { recursive: true, force: true });
}
