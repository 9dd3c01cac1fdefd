// `zsnas merge OUT SHARD_DIR...`: combines the outputs of `zsnas run --shard i/n` into the result an unsharded
// run writes: scores.csv in the unsharded arch order (shard i holds positions i, i+n, ...), run.json with every
// arch, summed timings and all errors, and latency (rows and raw samples; each shard keeps its own reference).
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import type { RunManifest, ScoreRow } from '../results.js';
import type { LatencyJson } from '../latency/csv.js';
import { writeLatencyResults } from '../latency/csv.js';
import { compareFingerprints } from '../latency/fingerprint.js';
import { readResults, type RunResults } from './results-dir.js';
import { scoresCsv } from './scores-csv.js';
import { toJson, writeAtomic } from '../io/atomic.js';

export interface Merged {
  manifest: RunManifest;
  scores: ScoreRow[];
  latency: LatencyJson | null;
}

export function mergeShards(shards: RunResults[]): Merged {
  if (!shards.length) throw new Error('merge: no shard directories given');
  const count = shards[0].manifest.shard?.count;
  const byIndex = new Map<number, RunResults>();
  for (const s of shards) {
    const sh = s.manifest.shard;
    if (!sh) throw new Error(`${s.dir}: run.json has no shard (was it run with --shard i/n?)`);
    if (sh.count !== count) throw new Error(`${s.dir}: shard ${sh.index}/${sh.count} does not belong with ${count} shards`);
    if (byIndex.has(sh.index)) throw new Error(`${s.dir}: shard ${sh.index}/${sh.count} given twice`);
    if (s.manifest.name !== shards[0].manifest.name) throw new Error(`${s.dir}: experiment ${s.manifest.name}, expected ${shards[0].manifest.name}`);
    if (s.manifest.backend !== shards[0].manifest.backend) {
      throw new Error(`${s.dir}: backend ${s.manifest.backend} differs from ${shards[0].manifest.backend}: scores are not comparable`);
    }
    byIndex.set(sh.index, s);
  }
  const missing = Array.from({ length: count! }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length) throw new Error(`merge: missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const n = count!;
  const total = shards.reduce((a, s) => a + s.manifest.archs.length, 0);
  const archs: string[] = [];
  for (let p = 0; p < total; p++) archs.push(byIndex.get(p % n)!.manifest.archs[Math.floor(p / n)]);
  const proxyOrder = (shards[0].manifest.spec as { proxies: Array<{ name: string }> }).proxies.map((p) => p.name);
  const rows = new Map(shards.flatMap((s) => s.scores).map((r) => [`${r.arch}\u0000${r.proxy}`, r]));
  const scores = archs.flatMap((a) => proxyOrder.map((p) => rows.get(`${a}\u0000${p}`)).filter((r): r is ScoreRow => !!r));
  const perProxy: Record<string, number> = {};
  for (const s of shards) for (const [k, v] of Object.entries(s.manifest.timings.perProxySeconds)) perProxy[k] = (perProxy[k] ?? 0) + v;
  const sorted = [...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
  const { shard: _shard, ...first } = sorted[0].manifest;
  const manifest: RunManifest = {
    ...first,
    startedAt: sorted.map((s) => s.manifest.startedAt).sort()[0],
    finishedAt: sorted.map((s) => s.manifest.finishedAt).sort().at(-1)!,
    timings: { totalSeconds: sorted.reduce((a, s) => a + s.manifest.timings.totalSeconds, 0), perProxySeconds: perProxy },
    archs,
    errors: sorted.flatMap((s) => s.manifest.errors ?? []),
    unstable: sorted.flatMap((s) => s.manifest.unstable ?? []),
  };
  const warnings = [...new Set(sorted.flatMap((s) => s.manifest.warnings ?? []))];
  if (warnings.length) manifest.warnings = warnings;
  else delete manifest.warnings;
  return { manifest, scores, latency: mergeLatency(sorted, archs) };
}

function mergeLatency(shards: RunResults[], archs: string[]): LatencyJson | null {
  const withLat = shards.filter((s) => s.latency);
  if (!withLat.length) return null;
  const fp = withLat[0].latency!.fingerprint;
  for (const s of withLat.slice(1)) {
    const c = compareFingerprints(fp, s.latency!.fingerprint);
    if (!c.comparable) throw new Error(`${s.dir}: latency measured on other hardware (${c.differences.join('; ')}); merge like with like`);
  }
  const pos = new Map(archs.map((a, i) => [a, i]));
  const byArch = <T extends { arch: string; batch: number }>(xs: T[]) =>
    xs.sort((a, b) => (pos.get(a.arch)! - pos.get(b.arch)!) || a.batch - b.batch);
  return {
    formatVersion: 1,
    fingerprint: fp,
    ...(withLat[0].latency!.reference ? { reference: withLat[0].latency!.reference } : {}),
    rows: byArch(withLat.flatMap((s) => s.latency!.rows)),
    samples: byArch(withLat.flatMap((s) => s.latency!.samples)),
  };
}

export async function cmdMerge(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length < 2) throw new Error('usage: zsnas merge OUT_DIR SHARD_DIR [SHARD_DIR...]');
  const [out, ...dirs] = positionals.map((p) => resolve(p));
  const merged = mergeShards(dirs.map(readResults));
  writeAtomic(join(out, 'scores.csv'), scoresCsv(merged.scores));
  if (merged.latency) {
    const { formatVersion: _v, ...rest } = merged.latency;
    await writeLatencyResults(out, rest);
  }
  writeAtomic(join(out, 'run.json'), toJson(merged.manifest));
  process.stdout.write(`merged ${dirs.length} shards: ${merged.manifest.archs.length} archs, ${merged.scores.length} rows -> ${out}\n`);
  return 0;
}
