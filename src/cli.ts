// The `zsnas` command line. Each subcommand parses its flags and calls plain functions.
import { parseArgs } from 'node:util';
import { SpecError } from './spec/errors.js';
import { commandHelp, COMMANDS, flagError, version } from './commands/help.js';
import { didYouMean } from './spec/suggest.js';
import { clip } from './io/input-error.js';
import { proxyNames, getProxy } from './proxies/index.js';
import { applyOverrides, parseShard } from './commands/overrides.js';
import { runExperiment } from './commands/run.js';
import { runAb } from './commands/run-ab.js';
import { allowOutsidePaths, readSpec } from './commands/spec-io.js';
import { cmdBaseline, cmdCompare } from './commands/compare-cli.js';
import { cmdCorrelate } from './commands/correlate.js';
import { cmdHwAware } from './commands/hw-aware.js';
import { cmdMerge } from './commands/merge.js';
import { runParallel } from './commands/parallel.js';
import { ipcArchFeed } from './commands/work-queue.js';
import { exitWithParent } from './commands/parent-watch.js';
import { cmdSite } from './commands/site.js';
import { cmdSweep } from './commands/sweep.js';

export { readSpec, specOptions } from './commands/spec-io.js';

const USAGE = `zsnas — zero-shot NAS proxies, latency and regression reports

Usage:
  zsnas run [SPEC] [--out DIR] [--archs FILE] [--proxies a,b,c] [--backend auto|node|wasm|cpu]
                   [--seed N] [--data CIFAR.bin] [--shard i/n] [--no-latency]
                   [--cache DIR] [--jobs N] [--base-ref REF] [--batch-size N] [--init SCHEME]
                   [--latency-engine auto|onnxruntime|tfjs] [--proxy-engine auto|onnxruntime|tfjs]
                                      --base-ref: also run the spec as it is at git REF (DIR/base/), latency of
                                      base and head side by side -> DIR/latency-ab.csv
  zsnas merge [--partial] OUT_DIR SHARD_DIR...
                                      combine the outputs of run --shard i/n into one unsharded result
                                      (--partial: the shards there are; run.json says which)
  zsnas merge --proxies [--replace] OUT_DIR RUN_DIR...
                                      join runs of the same archs that scored different proxies
                                      (--replace: a proxy scored again by a later run replaces its column)
  zsnas baseline update SPEC --results DIR     write the spec's baseline file from a run (commit it)
  zsnas compare SPEC --results DIR [--fail-on-regression]
                                      compare a run with the baseline; writes DIR/report/ (Markdown + charts)
  zsnas correlate SPEC --results DIR  rank correlation of each proxy with ground-truth accuracy (survey table)
  zsnas hw-aware SPEC [--out DIR] [--from DIR] [--budgets K] [--latency-engine auto|onnxruntime|tfjs]
                                      measured latency vs HW-NAS-Bench devices; Pareto gap per proxy and cost
  zsnas site [--reports DIR] [--out DIR] [--history FILE]
                                      static GitHub Pages site from reports/ (default out/site)
  zsnas site --record RESULTS_DIR --commit SHA [--date ISO] [--history FILE]
                                      add a run to reports/history.jsonl (commit it)
  zsnas sweep SPEC [--out DIR] [--jobs N | --shard i/n]
                                      the spec's sweep: (batch sizes, inits), one run each, then the
                                      sensitivity of each proxy (correlation per setting, rank stability)
  zsnas sweep SPEC --merge [--partial] SHARD_DIR... [--out DIR]
                                      join sweep shards run by run, then analyse (--partial: the shards there are)
  zsnas sweep SPEC --results DIR      analyse the runs already in DIR
  zsnas proxies                       list the registered proxies and what they need
  zsnas help

Without SPEC, run uses the embedded default experiment (configs/default.yml).
Paths a spec names (proxy modules, models, data, baseline, output) stay inside its repository unless a command is
given --allow-outside-paths; data files may also lie in $ZSNAS_DATA_DIR or ../shared/data beside the checkout.
Every command takes --help (usage and examples); zsnas --version prints the version.
After npm ci in a checkout, run these as npx zsnas ...`;

/** The run's own arguments minus the ones --jobs replaces for each child. */
function childArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--jobs' || a === '--out') { i++; continue; }
    if (a.startsWith('--jobs=') || a.startsWith('--out=') || a === '--no-latency' || a === '--queue') continue;
    out.push(a);
  }
  return out;
}

async function cmdRun(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' }, archs: { type: 'string' }, proxies: { type: 'string' }, backend: { type: 'string' },
      seed: { type: 'string' }, data: { type: 'string' }, shard: { type: 'string' }, 'no-latency': { type: 'boolean' }, cache: { type: 'string' },
      jobs: { type: 'string' }, 'base-ref': { type: 'string' }, 'batch-size': { type: 'string' }, init: { type: 'string' },
      queue: { type: 'boolean' }, // internal: a --jobs worker taking archs from its parent
      'latency-engine': { type: 'string' }, 'proxy-engine': { type: 'string' },
    },
  });
  if (positionals.length > 1) throw new Error(`run takes one SPEC file, got ${positionals.length}: ${positionals.join(' ')}`);
  const spec = applyOverrides(readSpec(positionals[0]), {
    archsFile: values.archs, proxies: values.proxies, backend: values.backend, seed: values.seed, data: values.data, out: values.out,
    batchSize: values['batch-size'], init: values.init, latencyEngine: values['latency-engine'],
    proxyEngine: values['proxy-engine'],
  });
  const baseRef = values['base-ref'];
  if (baseRef !== undefined) {
    if (values.jobs || values.shard) throw new Error('--base-ref runs both sides in one process: drop --jobs / --shard');
    const res = await runAb(spec, baseRef, { noLatency: values['no-latency'], cacheDir: values.cache });
    const { added, removed, judgingChanges } = res.ab;
    process.stdout.write(`${spec.name}: head -> ${res.head.outDir}, base (${baseRef}) -> ${res.base.outDir}` +
      `${res.latencyAb.length ? `, latency-ab.csv (${res.latencyAb.length} rows)` : ''}\n`);
    for (const r of res.latencyAb) process.stdout.write(`  ${r.verdict.padEnd(7)} head/base ${r.ratio.toFixed(3)} [${r.ciLow.toFixed(3)}, ${r.ciHigh.toFixed(3)}]  b=${r.batch}  ${r.arch}\n`);
    if (added.length) process.stdout.write(`  added: ${added.join(', ')}\n`);
    if (removed.length) process.stdout.write(`  removed: ${removed.join(', ')}\n`);
    if (judgingChanges.length) process.stdout.write(`  this change alters how it is judged: ${judgingChanges.join(', ')}\n`);
    return 0;
  }
  const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: got "${values.jobs}", expected a positive integer`);
  if (jobs > 1) {
    if (values.shard) throw new Error('--jobs and --shard do not combine: --jobs shards the run itself');
    const { outDir, archs } = await runParallel(spec, { jobs, args: childArgs(argv), noLatency: values['no-latency'] });
    process.stdout.write(`${spec.name}: ${archs.length} archs x ${spec.proxies.length} proxies, ${jobs} jobs -> ${outDir}/scores.csv\n`);
    return 0;
  }
  const result = await runExperiment(spec, {
    shard: parseShard(values.shard), noLatency: values['no-latency'], cacheDir: values.cache, ...(values.queue ? { queue: ipcArchFeed() } : {}),
  });
  const bad = result.scores.filter((r) => r.status !== 'ok').length;
  process.stdout.write(`${spec.name}: ${result.archs.length} archs x ${spec.proxies.length} proxies -> ${result.outDir}/scores.csv` +
    `${bad ? ` (${bad} rows not ok: see run.json)` : ''}${result.latency.length ? `, latency.csv (${result.latency.length} rows)` : ''}\n`);
  for (const row of result.latency) {
    process.stdout.write(`  ${row.median_ms.toFixed(2).padStart(8)} ms  (x${row.normalized.toFixed(2)} ref)  b=${row.batch}  ${row.arch}\n`);
  }
  return 0;
}

function cmdProxies(): number {
  for (const name of proxyNames()) {
    const p = getProxy(name);
    const needs = Object.entries(p.needs).filter(([, v]) => v).map(([k]) => k).join(', ') || 'nothing';
    process.stdout.write(`${name.padEnd(16)} ${p.direction > 0 ? 'higher' : 'lower '} is better; needs ${needs}\n    ${p.description}\n`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  // A --jobs child has an IPC channel to its parent: when the parent goes (killed, crashed), the child exits too,
  // instead of scoring on for nobody (parent-watch.ts). Unref'd so that it never keeps a finished child alive.
  if (process.send && process.channel) {
    process.channel.unref();
    exitWithParent();
  }
  // Global: every command that reads a spec honours it, and --jobs workers get it back from parallel.ts.
  const outside = argv.includes('--allow-outside-paths');
  allowOutsidePaths(outside);
  const [cmd, ...rest] = outside ? argv.filter((a) => a !== '--allow-outside-paths') : argv;
  if (cmd === '--version' || cmd === '-V' || cmd === 'version') { process.stdout.write(`zsnas ${version()}\n`); return 0; }
  if (cmd !== undefined && COMMANDS[cmd] && (rest.includes('--help') || rest.includes('-h'))) { process.stdout.write(commandHelp(cmd)); return 0; }
  try {
    switch (cmd) {
      case 'run': return await cmdRun(rest);
      case 'proxies': return cmdProxies();
      case 'baseline': return await cmdBaseline(rest);
      case 'compare': return await cmdCompare(rest);
      case 'correlate': return await cmdCorrelate(rest);
      case 'hw-aware': return await cmdHwAware(rest);
      case 'merge': return await cmdMerge(rest);
      case 'site': return await cmdSite(rest);
      case 'sweep': return await cmdSweep(rest);
      case undefined: case 'help': case '--help': case '-h':
        process.stdout.write(USAGE + '\n');
        return cmd === undefined ? 1 : 0;
      default:
        process.stderr.write(`zsnas: unknown command "${clip(cmd)}"${didYouMean(cmd.slice(0, 100), Object.keys(COMMANDS))}; see zsnas --help\n`);
        return 2;
    }
  } catch (e) {
    const msg = flagError(cmd, e) ?? (e instanceof SpecError || e instanceof Error ? e.message : String(e));
    process.stderr.write(`zsnas ${cmd}: ${msg}\n`);
    return 1;
  }
}
