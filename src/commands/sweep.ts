// `zsnas sweep SPEC`: the spec's `sweep:` runs (batch sizes, inits; see sweep-plan.ts), each an ordinary run in
// OUT/<b64-pytorch>/, then the sensitivity analysis of them all (sensitivity.ts). Scales like `run`:
//   --jobs N        each run scored by N processes
//   --shard i/n     only slice i of every run (a CI matrix job); no analysis
//   --merge DIR...  join shard folders run by run, then analyse (--partial: the shards there are, as `merge --partial`)
//   --results DIR   analyse runs already there
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { readSpec } from './spec-io.js';
import { applyOverrides, parseShard } from './overrides.js';
import { runExperiment } from './run.js';
import { runParallel } from './parallel.js';
import { mergeShards } from './merge.js';
import { readResults } from '../rundir/read.js';
import { scoresCsv } from '../rundir/scores-csv.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { runSpec, sweepPlan } from './sweep-plan.js';
import { analyzeSweep } from './sensitivity.js';

const USAGE = 'usage: zsnas sweep SPEC [--out DIR] [--jobs N | --shard i/n] [--archs FILE] [--proxies a,b] [--bootstrap B]\n' +
  '       zsnas sweep SPEC --merge [--partial] SHARD_DIR... [--out DIR]\n       zsnas sweep SPEC --results DIR';

/** Flags a --jobs child run gets from the sweep's own command line (it adds --batch-size, --init, --shard, --out). */
function passthrough(values: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of ['archs', 'proxies', 'backend', 'seed', 'data', 'cache']) if (typeof values[k] === 'string') out.push(`--${k}`, values[k] as string);
  return out;
}

export async function cmdSweep(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      out: { type: 'string' }, jobs: { type: 'string' }, shard: { type: 'string' }, merge: { type: 'boolean' }, partial: { type: 'boolean' },
      results: { type: 'string' }, archs: { type: 'string' }, proxies: { type: 'string' }, backend: { type: 'string' },
      seed: { type: 'string' }, data: { type: 'string' }, cache: { type: 'string' }, bootstrap: { type: 'string' },
    },
  });
  const specPath = positionals[0];
  if (!specPath || (positionals.length > 1 && !values.merge)) throw new Error(USAGE);
  if (values.partial && !values.merge) throw new Error('--partial goes with --merge (join the shards that finished)');
  const spec = applyOverrides(readSpec(specPath), {
    archsFile: values.archs, proxies: values.proxies, backend: values.backend, seed: values.seed, data: values.data,
  });
  const plan = sweepPlan(spec);
  const outDir = resolve(values.results ?? values.out ?? join('out', `${spec.name}-sweep`));
  const bootstrap = values.bootstrap === undefined ? 1000 : Number(values.bootstrap);
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new Error(`--bootstrap: got "${values.bootstrap}", expected an integer >= 0`);

  if (values.merge) {
    const shards = positionals.slice(1).map((p) => resolve(p));
    if (!shards.length) throw new Error(USAGE);
    for (const run of plan.runs) {
      const merged = mergeShards(shards.map((s) => readResults(join(s, run.id))), undefined, { partial: values.partial });
      writeAtomic(join(outDir, run.id, 'scores.csv'), scoresCsv(merged.scores));
      writeAtomic(join(outDir, run.id, 'run.json'), toJson(merged.manifest));
    }
    process.stderr.write(`merged ${shards.length} shard folders x ${plan.runs.length} runs -> ${outDir}\n`);
  } else if (!values.results) {
    const jobs = values.jobs === undefined ? 1 : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: got "${values.jobs}", expected a positive integer`);
    if (jobs > 1 && values.shard) throw new Error('--jobs and --shard do not combine: --jobs shards each run itself');
    const shard = parseShard(values.shard);
    for (const [k, run] of plan.runs.entries()) {
      const dir = join(outDir, run.id);
      process.stderr.write(`sweep run ${k + 1}/${plan.runs.length}: batch_size ${run.batchSize}, init ${run.init} -> ${dir}\n`);
      const s = runSpec(spec, run, dir);
      if (jobs > 1) {
        const args = [specPath, ...passthrough(values), '--batch-size', String(run.batchSize), '--init', run.init];
        await runParallel(s, { jobs, args, noLatency: true });
      } else {
        await runExperiment(s, { noLatency: true, ...(shard ? { shard } : {}), ...(values.cache ? { cacheDir: values.cache } : {}) });
      }
    }
    if (shard) {
      process.stdout.write(`${spec.name}: shard ${shard.index}/${shard.count} of ${plan.runs.length} runs -> ${outDir}; ` +
        `join the shards with: zsnas sweep ${specPath} --merge SHARD_DIR... --out DIR\n`);
      return 0;
    }
  }
  const { markdown } = await analyzeSweep(spec, plan, outDir, { bootstrap });
  process.stdout.write(markdown);
  return 0;
}
