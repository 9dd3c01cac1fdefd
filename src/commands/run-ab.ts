// `zsnas run SPEC --base-ref REF`: the experiment as it is in the working tree (head, results in DIR) and as it
// was at git REF (base, results in DIR/base/), scored in this one process on one backend, their latencies
// measured side by side in the same rounds (compare/ab-latency.ts) -> DIR/latency-ab.csv, run.json `ab`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../engine/backend.js';
import { buildArch } from '../spaces/index.js';
import type { NetworkWorkload } from '../latency/networks.js';
import { createNetworkWorkload, resolveLatencyEngine } from '../latency/engine.js';
import { logLatencyEngine } from './latency.js';
import { createReferenceWorkload, REFERENCE_VERSION } from '../latency/reference.js';
import { hardwareFingerprint } from '../latency/fingerprint.js';
import { summarizeLatency } from '../latency/summarize.js';
import { writeLatencyResults } from '../latency/csv.js';
import { median } from '../stats/descriptive.js';
import { loadBaseSide } from '../compare/base-side.js';
import { judgingChanges } from '../compare/judging.js';
import { abLatencyConfig, latencyAb, type AbLatencyPair } from '../compare/ab-latency.js';
import { latencyAbCsv } from '../compare/latency-ab-csv.js';
import type { LatencyAbRow } from '../compare/ab-types.js';
import type { ExperimentSpec } from '../spec/types.js';
import type { AbManifest, Fingerprint, LatencyRow } from '../results.js';
import { runExperiment, type RunResult } from './run.js';
import { specOptions } from './spec-io.js';
import { toJson, writeAtomic } from '../io/atomic.js';

export interface AbRunOptions {
  /** Fetch the base commit from origin when this clone lacks it (shallow CI checkouts). */
  fetch?: boolean;
  noLatency?: boolean;
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface AbRunResult {
  head: RunResult;
  base: RunResult;
  latencyAb: LatencyAbRow[];
  ab: AbManifest;
}

function headSha(root: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}

export async function runAb(headSpec: ExperimentSpec, baseRef: string, opts: AbRunOptions = {}): Promise<AbRunResult> {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const base = loadBaseSide(headSpec.file, baseRef, { ...specOptions(), fetch: opts.fetch });
  // Results scored identically on both sides (same arch, proxy, options, data, seed, backend) are computed once.
  const ownCache = opts.cacheDir ? undefined : mkdtempSync(join(tmpdir(), 'zsnas-ab-cache-'));
  try {
    const baseSpec: ExperimentSpec = { ...base.spec, output: join(headSpec.output, 'base'), backend: headSpec.backend };
    log(`head: ${headSpec.file}; base: ${base.specPath} at ${baseRef} (${base.sha.slice(0, 12)})`);
    const run = { noLatency: true, cacheDir: opts.cacheDir ?? ownCache, log };
    const head = await runExperiment(headSpec, run);
    const baseRun = await runExperiment(baseSpec, run);
    const headKeys = new Set(head.archs), baseKeys = new Set(baseRun.archs);
    const ab: AbManifest = {
      baseRef, baseSha: base.sha, specPath: base.specPath,
      added: head.archs.filter((a) => !baseKeys.has(a)),
      removed: baseRun.archs.filter((a) => !headKeys.has(a)),
      judgingChanges: judgingChanges(headSpec, base),
      clock: 'wall', rounds: 0, latencySeconds: 0,
    };
    const sha = headSha(base.root);
    if (sha) ab.headSha = sha;
    let latencyRows: LatencyAbRow[] = [];
    let latencyFingerprint: Fingerprint | undefined;
    if (headSpec.latency.enabled && baseSpec.latency.enabled && !opts.noLatency) {
      ({ rows: latencyRows, fingerprint: latencyFingerprint } = await measureBoth(headSpec, baseSpec, head.archs, baseRun.archs, ab, log));
      writeAtomic(join(headSpec.output, 'latency-ab.csv'), latencyAbCsv(latencyRows));
    }
    for (const [r, dir] of [[head, headSpec.output], [baseRun, baseSpec.output]] as const) {
      // The latency engine is part of where latency was measured (a committed baseline is compared against it).
      const measured = latencyFingerprint ? { ...r.manifest, fingerprint: latencyFingerprint } : r.manifest;
      const manifest = dir === headSpec.output ? { ...measured, ab } : measured;
      writeAtomic(join(dir, 'run.json'), toJson(manifest));
    }
    return { head, base: baseRun, latencyAb: latencyRows, ab };
  } finally {
    base.dispose();
    if (ownCache) rmSync(ownCache, { recursive: true, force: true });
  }
}

/** Both sides' latency in the same rounds; writes DIR/latency.* (head) and DIR/base/latency.* (base), wall clock. */
async function measureBoth(
  headSpec: ExperimentSpec, baseSpec: ExperimentSpec, headArchs: string[], baseArchs: string[], ab: AbManifest, log: (l: string) => void,
): Promise<{ rows: LatencyAbRow[]; fingerprint: Fingerprint }> {
  const backend = await initBackend(headSpec.backend);
  // One engine for both sides, chosen by the base side's spec (it judges), so base and head are timed alike.
  const engine = await resolveLatencyEngine(baseSpec.latency, backend);
  logLatencyEngine(engine, log);
  const cfg = abLatencyConfig(baseSpec.latency, baseSpec.thresholds, headSpec.seed, engine.threads);
  const made: NetworkWorkload[] = [];
  const workload = async (spec: ExperimentSpec, arch: string, batch: number) => {
    const w = await createNetworkWorkload(engine, buildArch(spec, arch), arch, batch, spec.seed);
    made.push(w);
    return w;
  };
  const pairs: AbLatencyPair[] = [];
  try {
    for (const arch of new Set([...headArchs, ...baseArchs])) {
      for (const batch of new Set([...headSpec.latency.batchSizes, ...baseSpec.latency.batchSizes])) {
        const inHead = headArchs.includes(arch) && headSpec.latency.batchSizes.includes(batch);
        const inBase = baseArchs.includes(arch) && baseSpec.latency.batchSizes.includes(batch);
        pairs.push({
          key: `${arch}@${batch}`, arch, batch,
          ...(inBase ? { base: await workload(baseSpec, arch, batch) } : {}),
          ...(inHead ? { head: await workload(headSpec, arch, batch) } : {}),
        });
      }
    }
  } catch (e) {
    for (const w of made) w.dispose();
    throw e;
  }
  const reference = createReferenceWorkload();
  try {
    log(`latency: ${pairs.length} arch/batch pairs, base and head in the same rounds (${cfg.clock} clock, budget ${(cfg.budgetMs / 1000).toFixed(0)} s)`);
    const res = await latencyAb(pairs, cfg, reference);
    const refMedian = res.extraSamples.length ? median(res.extraSamples) : NaN;
    Object.assign(ab, { clock: cfg.clock, rounds: res.rounds, latencySeconds: res.elapsedMs / 1000 });
    if (Number.isFinite(refMedian)) ab.referenceMedianMs = refMedian;
    const fingerprint = hardwareFingerprint({ name: backend.name, version: backend.version, threads: backend.threads }, engine);
    for (const [side, spec] of [['head', headSpec], ['base', baseSpec]] as const) {
      const samples = pairs.filter((p) => p[side]).map((p) => ({ arch: p.arch, batch: p.batch, samples_ms: res.wallSamples.get(p.key)![side] }));
      const rows: LatencyRow[] = samples.filter((s) => s.samples_ms.length).map((s) => summarizeLatency(s.arch, s.batch, s.samples_ms, refMedian));
      await writeLatencyResults(spec.output, {
        fingerprint,
        reference: { version: REFERENCE_VERSION, samples_ms: res.extraSamples }, rows, samples,
      });
    }
    return { rows: res.rows, fingerprint };
  } finally {
    for (const w of made) w.dispose();
    reference.dispose();
  }
}
