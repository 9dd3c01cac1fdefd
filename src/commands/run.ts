// `zsnas run`: spec -> archs -> proxies (+ latency) -> DIR/scores.csv, DIR/latency.csv, DIR/run.json.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { backendLogLine, initBackend } from '../engine/backend.js';
import type { CalibrationBatch } from '../data/batch.js';
import { loadCalibration, calibrationHash } from '../data/calibration.js';
import { fitCalibration, fitNote } from '../data/fit.js';
import { shardOf } from '../spaces/nb201/select.js';
import { archFingerprint, buildArch, listArchs, isBenchmarkSpace } from '../spaces/index.js';
import { getProxy, resolveOptions } from '../proxies/index.js';
import { loadCustomProxy } from '../proxies/custom.js';
import { scoreArch, liveTensors, type ProxyRun } from '../proxies/score.js';
import { hardwareFingerprint } from '../latency/fingerprint.js';
import { resolveLatencyEngine } from '../latency/engine.js';
import { logLatencyEngine } from './latency.js';
import type { ExperimentSpec } from '../spec/types.js';
import type { LatencyRow, RunManifest, ScoreRow } from '../results.js';
import { Journal } from './journal.js';
import { scoreGuarded } from './arch-guard.js';
import { checkMemory, checkOutputWritable, checkReferencedFiles, removeEmptyFolders } from './preflight.js';
import { createProgress } from './progress.js';
import { writeAtomic, toJson } from '../io/atomic.js';
import { scoresCsv } from '../rundir/scores-csv.js';
import { packageVersions } from './versions.js';
import { runLatency } from './latency.js';
import { cacheKey, ResultCache } from '../cache/result-cache.js';
import type { ArchFeed } from './work-queue.js';

export interface RunOptions {
  shard?: { index: number; count: number };
  /** A `--jobs` worker: archs come one at a time from the parent's queue (the shard only names this worker). */
  queue?: ArchFeed;
  /** Skip the latency stage even if the spec enables it. */
  noLatency?: boolean;
  /** Content-addressed result cache folder (default $ZSNAS_CACHE_DIR; none when unset). */
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface RunResult {
  outDir: string;
  archs: string[];
  scores: ScoreRow[];
  latency: LatencyRow[];
  manifest: RunManifest;
  cache?: { hits: number; misses: number };
}

export async function runExperiment(spec: ExperimentSpec, opts: RunOptions = {}): Promise<RunResult> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const started = new Date();
  checkReferencedFiles(spec);
  const createdOut = checkOutputWritable(spec.output);
  try {
    return await scoreRun(spec, opts, log, started);
  } catch (e) {
    removeEmptyFolders(createdOut);
    throw e;
  }
}

async function scoreRun(spec: ExperimentSpec, opts: RunOptions, log: (line: string) => void, started: Date): Promise<RunResult> {
  const backend = await initBackend(spec.backend);
  log(backendLogLine(backend));
  let archs = await runArchs(spec);
  if (opts.shard && !opts.queue) archs = shardOf(archs, opts.shard.index, opts.shard.count);
  const { runs, moduleHashes } = await resolveRuns(spec);
  // Building a graph takes milliseconds: the estimate looks at the first 256 archs (all of most runs).
  checkMemory(spec, runs.some((r) => r.proxy.needs.data), backend.name, function* () { for (const a of archs.slice(0, 256)) yield [a, buildArch(spec, a)]; });
  const batches = calibrationFor(runs, spec);
  // User models fail here, before any scoring, with the model file and layer in the message.
  const warnings: string[] = [];
  if (!isBenchmarkSpace(spec.space)) {
    for (const a of archs) {
      const g = buildArch(spec, a);
      warnings.push(...(g.notes ?? []), ...(batches.length ? [fitNote(a, g, spec.data, spec.dataset)].filter((n) => n !== '') : []));
    }
  }
  for (const w of warnings) log(`warning: ${w}`);
  const outDir = spec.output;
  const journal = Journal.open(join(outDir, '.progress', 'scores.jsonl'), runKey(spec, backend.name, batches, moduleHashes));
  if (journal.resumed) log(`resuming: ${journal.rows.length} rows already done`);
  const cacheDir = opts.cacheDir ?? process.env.ZSNAS_CACHE_DIR;
  const cache = cacheDir ? new ResultCache(cacheDir) : undefined;
  const versions = packageVersions();
  const dataHash = batches.length ? calibrationHash(batches) : '';
  const fingerprints = new Map(archs.map((a) => [a, archFingerprint(spec, a)]));
  const keyOf = (arch: string, r: ProxyRun) => {
    const fp = fingerprints.get(arch);
    const moduleHash = moduleHashes[r.proxy.name];
    return cacheKey({
      space: spec.space, dataset: spec.dataset, arch: fp ? `${arch}@${fp}` : arch, proxy: r.proxy.name, options: r.options,
      seed: spec.seed, dataHash, backend: backend.name, versions, ...(moduleHash ? { moduleHash } : {}),
      ...(spec.init ? { init: spec.init } : {}),
    });
  };

  const customProxies = new Map(spec.proxies.filter((p) => p.module !== undefined).map((p) => [p.name, p.module!]));
  const perProxy: Record<string, number> = {};
  const progress = createProgress(archs.length, opts.queue ? 'scoring (shared queue)' : 'scoring');
  const scoreOne = async (arch: string) => {
    let todo = runs.filter((r) => !journal.done(arch, r.proxy.name));
    if (cache && todo.length) {
      const cached = todo.map((r) => cache.get(keyOf(arch, r), arch, r.proxy.name));
      journal.append(cached.filter((row): row is ScoreRow => row !== undefined));
      todo = todo.filter((_, k) => cached[k] === undefined);
    }
    if (todo.length) {
      const before = liveTensors();
      const graph = buildArch(spec, arch);
      const guarded = await scoreGuarded(
        () => scoreArch(graph, arch, todo, spec.seed, fitCalibration(batches, spec.data, spec.dataset, graph), spec.init,
          spec.proxyEngine), customProxies);
      const rows = guarded.rows;
      if (guarded.backendReset) log(`warning: the ${backend.name} backend failed on ${arch} (${guarded.backendReset}); restarted it for the next arch`);
      const leaked = liveTensors() - before;
      if (leaked > 0 && !guarded.backendReset) log(`warning: ${leaked} tensors leaked while scoring ${arch}`);
      journal.append(rows);
      if (cache) rows.forEach((row, k) => cache.put(keyOf(arch, todo[k]), row));
    }
    progress.tick(arch.length > 40 ? arch.slice(0, 40) + '…' : arch);
  };
  if (opts.queue) archs = await scoreFromQueue(opts.queue, archs, (a) => runs.every((r) => journal.done(a, r.proxy.name)), scoreOne);
  else for (const arch of archs) await scoreOne(arch);
  progress.done();
  if (cache) log(`cache ${cache.dir}: ${cache.hits} results reused, ${cache.misses} computed`);
  const scores = ordered(journal.rows, archs, runs.map((r) => r.proxy.name));
  for (const r of scores) perProxy[r.proxy] = (perProxy[r.proxy] ?? 0) + r.seconds;
  writeAtomic(join(outDir, 'scores.csv'), scoresCsv(scores));

  let fingerprint = hardwareFingerprint({ name: backend.name, version: backend.version, threads: backend.threads });
  let latency: LatencyRow[] = [];
  if (spec.latency.enabled && !opts.noLatency) {
    const engine = await resolveLatencyEngine(spec.latency, backend);
    logLatencyEngine(engine, log);
    fingerprint = hardwareFingerprint({ name: backend.name, version: backend.version, threads: backend.threads }, engine);
    latency = await runLatency(archs.map((arch) => ({ arch, graph: buildArch(spec, arch) })), spec.latency, spec.seed, fingerprint, outDir, engine);
  }
  const finished = new Date();
  const manifest: RunManifest = {
    formatVersion: 1,
    name: spec.name,
    spec,
    backend: backend.name,
    versions,
    fingerprint,
    seed: spec.seed,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    timings: { totalSeconds: (finished.getTime() - started.getTime()) / 1000, perProxySeconds: perProxy },
    archs,
    proxies: runs.map((r, k) => ({
      name: r.proxy.name, direction: r.proxy.direction,
      ...(spec.proxies[k].module !== undefined ? { module: spec.proxies[k].module, moduleHash: moduleHashes[r.proxy.name] } : {}),
    })),
    errors: scores.filter((r) => r.status === 'error').map((r) => ({ arch: r.arch, proxy: r.proxy, error: r.error ?? '' })),
    unstable: scores.filter((r) => r.status === 'unstable').map((r) => ({ arch: r.arch, proxy: r.proxy, reason: r.error ?? '' })),
    proxyOptions: Object.fromEntries(runs.map((r) => [r.proxy.name, r.options])),
    ...gradEnginesOf(scores),
    ...(opts.shard ? { shard: opts.shard } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
  writeAtomic(join(outDir, 'run.json'), toJson(manifest));
  journal.remove();
  return { outDir, archs, scores, latency, manifest, ...(cache ? { cache: { hits: cache.hits, misses: cache.misses } } : {}) };
}

/** The archs a run scores, before any sharding (a `--jobs` parent lists the same ones for its queue). */
export async function runArchs(spec: ExperimentSpec): Promise<string[]> {
  const tablePath = spec.groundTruth?.path;
  return listArchs(spec, tablePath && /accuracy/.test(tablePath) ? tablePath : undefined);
}

/** A queue worker's loop: report what the journal already holds, then score what the parent hands out. Returns this
 * worker's archs (done before, or handed out now) in the run's order. */
async function scoreFromQueue(feed: ArchFeed, all: string[], complete: (arch: string) => boolean,
  score: (arch: string) => Promise<void>): Promise<string[]> {
  const known = new Set(all);
  const mine = new Set(all.filter(complete));
  feed.start([...mine]);
  for (let arch = await feed.next(); arch !== undefined; arch = await feed.next()) {
    if (!known.has(arch)) throw new Error(`--queue: the parent handed out "${arch.slice(0, 80)}", which this run does not list`);
    mine.add(arch);
    await score(arch);
  }
  return all.filter((a) => mine.has(a));
}

/** Rows in arch order, then the spec's proxy order: the same bytes whatever order the work finished in. */
function ordered(rows: ScoreRow[], archs: string[], proxies: string[]): ScoreRow[] {
  const key = (a: string, p: string) => `${a}\u0000${p}`;
  const byKey = new Map(rows.map((r) => [key(r.arch, r.proxy), r]));
  return archs.flatMap((a) => proxies.map((p) => byKey.get(key(a, p))).filter((r): r is ScoreRow => r !== undefined));
}

/** Built-in proxies from the registry, custom ones imported from their modules (with the module's hash). */
async function resolveRuns(spec: ExperimentSpec): Promise<{ runs: ProxyRun[]; moduleHashes: Record<string, string> }> {
  const runs: ProxyRun[] = [];
  const moduleHashes: Record<string, string> = {};
  for (const p of spec.proxies) {
    let proxy = p.module === undefined ? getProxy(p.name) : undefined;
    if (!proxy) {
      const loaded = await loadCustomProxy(p.name, p.module!);
      proxy = loaded.proxy;
      moduleHashes[p.name] = loaded.moduleHash;
    }
    runs.push({ proxy, options: resolveOptions(proxy, p.options) });
  }
  return { runs, moduleHashes };
}

function calibrationFor(runs: ProxyRun[], spec: ExperimentSpec): readonly CalibrationBatch[] {
  return runs.some((r) => r.proxy.needs.data) ? loadCalibration(spec.data, spec.dataset) : [];
}

/** The run key of a spec on the backend it will run on (tests use it to fake an interrupted run). */
export async function runKeyFor(spec: ExperimentSpec): Promise<string> {
  const backend = await initBackend(spec.backend);
  const { runs, moduleHashes } = await resolveRuns(spec);
  return runKey(spec, backend.name, calibrationFor(runs, spec), moduleHashes);
}

/** What must match for journal rows to be reused: everything that changes a score. */
function runKey(spec: ExperimentSpec, backend: string, batches: readonly CalibrationBatch[], moduleHashes: Record<string, string> = {}): string {
  const dataHash = batches.length ? calibrationHash(batches) : '';
  const relevant: Record<string, unknown> = { space: spec.space, dataset: spec.dataset, seed: spec.seed, proxies: spec.proxies, data: dataHash, backend };
  // Only user spaces / custom modules / a non-default init add fields, so NB201 run keys (and resumable journals) are unchanged.
  if (spec.models) relevant.models = spec.models.map((m) => [m.key, archFingerprint(spec, m.key)]);
  if (Object.keys(moduleHashes).length) relevant.modules = moduleHashes;
  if (spec.init) relevant.init = spec.init;
  const named = spec.archs.kind === 'list' ? spec.archs.items.filter((i) => typeof i === 'object') : [];
  if (named.length) relevant.named = named; // a PR may point a name at another arch
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

/** run.json's record of which engine computed each proxy's gradient passes over the archs (rows that say one). */
export function gradEnginesOf(rows: readonly ScoreRow[]): Pick<RunManifest, 'gradEngines'> {
  const by = new Map<string, { engines: Set<string>; notes: Set<string>; methods: Set<string> }>();
  for (const r of rows) {
    if (!r.engine) continue;
    const e = by.get(r.proxy) ?? { engines: new Set(), notes: new Set(), methods: new Set() };
    for (const name of r.engine.split('+')) e.engines.add(name);
    if (r.engineNote) e.notes.add(r.engineNote);
    for (const m of r.method ? r.method.split('+') : []) e.methods.add(m);
    by.set(r.proxy, e);
  }
  if (!by.size) return {};
  return {
    gradEngines: Object.fromEntries([...by].map(([proxy, e]) =>
      [proxy, { engine: [...e.engines].sort().join('+'), ...(e.notes.size ? { fallback: [...e.notes] } : {}),
        ...(e.methods.size ? { methods: [...e.methods].sort() } : {}) }])),
  };
}
