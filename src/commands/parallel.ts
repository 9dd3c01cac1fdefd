// `zsnas run --jobs N`: both (all) cores for scoring. N child processes take archs from one queue, longest first
// (work-queue.ts), score them without latency, their outputs are merged into the unsharded result, and latency is
// then measured here, alone on the machine, so parallel scoring never disturbs the timings.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ExperimentSpec } from '../spec/types.js';
import { initBackend } from '../engine/backend.js';
import { hardwareFingerprint } from '../latency/fingerprint.js';
import { buildArch } from '../spaces/index.js';
import { readResults } from '../rundir/read.js';
import { mergeShards } from './merge.js';
import { scoresCsv } from '../rundir/scores-csv.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { logLatencyEngine, runLatency } from './latency.js';
import { resolveLatencyEngine } from '../latency/engine.js';
import { runArchs } from './run.js';
import { outsidePathsAreAllowed } from './spec-io.js';
import { longestFirst, schedulingCost, WorkQueue, type QueueWorker } from './work-queue.js';
import { withHugePageTunable } from '../engine/huge-pages.js';

export interface ParallelOptions {
  jobs: number;
  /** The CLI arguments of this run without --jobs, --shard and --out (children get their own). */
  args: string[];
  /** How to start the CLI in a child (default: this process's node, flags and entry script). */
  command?: string[];
  noLatency?: boolean;
  log?: (line: string) => void;
}

function runChild(cmd: string[], args: string[], tag: string, log: (l: string) => void, env: NodeJS.ProcessEnv,
  started: (child: QueueWorker) => void): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd[0], [...cmd.slice(1), ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, CI: 'true', ...env } });
    started(child);
    let tail = '';
    const onData = (buf: Buffer) => {
      for (const line of buf.toString().split('\n')) if (line.trim()) { log(`[${tag}] ${line}`); tail = line; }
    };
    child.stdout!.on('data', () => {}); // the child's summary is replaced by ours
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`shard ${tag} exited with ${code}: ${tail}`))));
  });
}

export async function runParallel(spec: ExperimentSpec, opts: ParallelOptions): Promise<{ outDir: string; archs: string[] }> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const cmd = opts.command ?? [process.execPath, ...process.execArgv, process.argv[1]];
  const outDir = spec.output;
  const dirs = Array.from({ length: opts.jobs }, (_, i) => join(outDir, '.shards', String(i)));
  const archs = await runArchs(spec);
  // Longest first: the big archs start early and the small ones fill the gaps at the end.
  const order = longestFirst(archs, (a) => schedulingCost(buildArch(spec, a)));
  const workers: QueueWorker[] = [];
  let queue: WorkQueue | undefined;
  // Each child resumes from its own journal if this run was interrupted before (it tells the queue what it holds).
  const finished = dirs.map((dir, i) =>
    runChild(cmd, ['run', ...opts.args, ...(outsidePathsAreAllowed() ? ['--allow-outside-paths'] : []), '--queue', '--shard', `${i}/${opts.jobs}`, '--out', dir, '--no-latency'], `${i}/${opts.jobs}`, log,
      { GLIBC_TUNABLES: withHugePageTunable(process.env.GLIBC_TUNABLES), ...(i > 0 ? { ZSNAS_BACKEND_NOTE_SAID: '1' } : {}) }, (child) => workers.push(child)).finally(() => queue?.gone(workers[i])));
  // Every child is spawned before the queue listens: none can have sent a message yet (they arrive on a later tick).
  queue = new WorkQueue(order, workers);
  await Promise.all(finished);
  const merged = mergeShards(dirs.map(readResults), archs);
  writeAtomic(join(outDir, 'scores.csv'), scoresCsv(merged.scores));
  let manifest = merged.manifest;
  if (spec.latency.enabled && !opts.noLatency) {
    const backend = await initBackend(spec.backend);
    const engine = await resolveLatencyEngine(spec.latency, backend);
    logLatencyEngine(engine, log);
    const fp = hardwareFingerprint({ name: backend.name, version: backend.version, threads: backend.threads }, engine);
    await runLatency(merged.manifest.archs.map((arch) => ({ arch, graph: buildArch(spec, arch) })), spec.latency, spec.seed, fp, outDir, engine);
    manifest = { ...manifest, fingerprint: fp }; // the shards ran no latency: their fingerprints name no engine
  }
  writeAtomic(join(outDir, 'run.json'), toJson({ ...manifest, jobs: opts.jobs }));
  return { outDir, archs: merged.manifest.archs };
}
