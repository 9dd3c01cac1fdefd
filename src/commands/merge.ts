// `zsnas merge OUT SHARD_DIR...`: combines the outputs of `zsnas run --shard i/n` into the result an unsharded
// run writes: scores.csv in the unsharded arch order (shard i holds positions i, i+n, ...), run.json with every
// arch, summed timings and all errors, and latency (rows and raw samples; each shard keeps its own reference).
// `--partial` joins the shards there are (run.json says which); `zsnas merge --proxies OUT RUN_DIR...` joins whole
// runs that scored other proxies instead (join-proxies.ts).
import { parseArgs } from 'node:util';
import { basename, join, resolve } from 'node:path';
import type { RunManifest, ScoreRow } from '../results.js';
import type { LatencyJson } from '../latency/csv.js';
import { writeLatencyResults } from '../latency/csv.js';
import { compareFingerprints } from '../latency/fingerprint.js';
import { readResults, type RunResults } from '../rundir/read.js';
import { scoresCsv } from '../rundir/scores-csv.js';
import { toJson, writeAtomic } from '../io/atomic.js';
import { clip, InputError } from '../io/input-error.js';
import { manifestProxyNames } from '../rundir/manifest.js';
import { joinProxyRuns } from './join-proxies.js';

export interface Merged {
  manifest: RunManifest;
  scores: ScoreRow[];
  latency: LatencyJson | null;
}

type SpecProxies = { proxies?: Array<{ name?: unknown }> };

/** What must be equal across shards for their rows to form one run (and each proxy's options: specProxy). */
function agreement(m: RunManifest): Record<string, string> {
  const spec = (m.spec ?? {}) as { space?: unknown; dataset?: unknown; data?: unknown };
  // The calibration file by name, not folder: a committed run.json carries the path relative to the checkout.
  const data = spec.data as { path?: unknown } | undefined;
  const sameFile = data && typeof data.path === 'string' ? { ...data, path: basename(data.path) } : data;
  return {
    experiment: m.name, backend: m.backend, seed: String(m.seed), space: JSON.stringify(spec.space),
    dataset: JSON.stringify(spec.dataset), data: JSON.stringify(sameFile),
  };
}

/** A proxy's entry in the spec a run ran (name, options, module): shards that scored it must agree on it. */
function specProxy(m: RunManifest, name: string): unknown {
  return ((m.spec ?? {}) as SpecProxies).proxies?.find((p) => p?.name === name);
}

/** How many archs the whole (unsharded) run has, from the spec it ran: a sample's n or a list's length. */
function specArchCount(m: RunManifest): number | undefined {
  const archs = (m.spec as { archs?: { kind?: string; n?: unknown; items?: unknown } } | undefined)?.archs;
  if (archs?.kind === 'sample' && typeof archs.n === 'number') return archs.n;
  // A listed spec's archs are `items` (spec/types.ts).
  return Array.isArray(archs?.items) ? archs.items.length : undefined;
}

/** The shard indices a folder holds: one `run --shard i/n`, or several joined earlier by `merge --partial`. */
function heldShards(m: RunManifest): { held: number[]; count: number } | undefined {
  if (m.shard) return { held: [m.shard.index], count: m.shard.count };
  return m.shards ? { held: [...m.shards.held].sort((a, b) => a - b), count: m.shards.count } : undefined;
}

/**
 * `order`: the shards come from `run --jobs`'s shared queue (any arch in any shard): merge them in this order.
 * `partial`: the shards that finished, when the others did not (run.json records `shards: {held, count}`); the
 * archs keep their sample positions, so the result is the unbiased subsample at positions p with p % n held.
 * A folder may itself be such a partial merge (it counts as the shards it holds), so shards that finish later
 * join the ones merged before. Shards may have scored different proxies (one added to some shards only): a proxy's
 * rows on the archs of shards that did not score it are error rows saying so, so each proxy's n is what it scored.
 */
export function mergeShards(shards: RunResults[], order?: readonly string[], opts: { partial?: boolean } = {}): Merged {
  if (!shards.length) throw new InputError('merge: no shard folders given');
  const problems: string[] = [];
  const first = shards[0];
  const count = heldShards(first.manifest)?.count;
  const byIndex = new Map<number, RunResults>();
  const names = shards.map((s) => manifestProxyNames(s.manifest));
  const proxyOrder = [...new Set(names.flat())];
  const want = agreement(first.manifest);
  const scoredBy = new Map<string, RunResults[]>(proxyOrder.map((p) => [p, shards.filter((_, k) => names[k].includes(p))]));
  for (const s of shards) {
    const sh = heldShards(s.manifest);
    const where = join(s.dir, 'run.json');
    if (!sh) { problems.push(`${where}: shard: got nothing, expected i/n (was it run with --shard i/n?)`); continue; }
    if (sh.count !== count) problems.push(`${where}: shard ${sh.held.join(',')}/${sh.count} does not belong with ${count} shards (${first.dir})`);
    for (const i of sh.held) {
      if (sh.count !== count) break;
      if (byIndex.has(i)) problems.push(`${where}: shard ${i}/${sh.count} given twice (also ${byIndex.get(i)!.dir})`);
      else byIndex.set(i, s);
    }
    const got = agreement(s.manifest);
    for (const k of Object.keys(want)) {
      if (got[k] !== want[k]) problems.push(`${where}: ${k} ${clip(got[k])} differs from ${clip(want[k])} in ${first.dir}: shards of one run must agree`);
    }
    for (const p of manifestProxyNames(s.manifest)) {
      const ref = scoredBy.get(p)![0];
      const [a, b] = [JSON.stringify(specProxy(s.manifest, p)), JSON.stringify(specProxy(ref.manifest, p))];
      if (a !== b) problems.push(`${where}: proxy options ${clip(a)} differs from ${clip(b)} in ${ref.dir}: shards of one run must agree`);
    }
  }
  if (problems.length) throw new InputError(problems);
  const n = count!;
  const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length && !opts.partial) throw new InputError(`merge: missing shard(s) ${missing.map((i) => `${i}/${n}`).join(', ')} (--partial joins the shards there are)`);
  const partialInput = shards.some((s) => !s.manifest.shard);
  const whole = opts.partial || partialInput ? specArchCount(first.manifest) : undefined;
  if ((opts.partial || partialInput) && whole === undefined) throw new InputError(`${join(first.dir, 'run.json')}: spec.archs: --partial needs the run's arch count (a sample's n or a list)`);
  const total = whole ?? shards.reduce((a, s) => a + s.manifest.archs.length, 0);
  // Shard i of n holds positions i, i+n, ...: its size is fixed by the total, and no arch is in two shards. A
  // folder holding several shards lists its archs in position order.
  const owner = new Map<string, string>();
  const atPosition = new Map<number, string>();
  for (const s of shards) {
    const held = heldShards(s.manifest)!.held;
    const positions = Array.from({ length: total }, (_, p) => p).filter((p) => held.includes(p % n));
    if (!order && s.manifest.archs.length !== positions.length) {
      problems.push(`${join(s.dir, 'run.json')}: archs: ${s.manifest.archs.length} archs, expected ${positions.length} for shard${held.length > 1 ? 's' : ''} ${held.join(',')}/${n} of ${total} archs`);
      continue;
    }
    if (!order) positions.forEach((p, k) => atPosition.set(p, s.manifest.archs[k]));
    for (const a of s.manifest.archs) {
      if (owner.has(a)) problems.push(`${join(s.dir, 'run.json')}: arch "${clip(a)}" is also in ${owner.get(a)}`);
      else owner.set(a, s.dir);
    }
  }
  if (order) {
    for (const a of order) if (!owner.has(a)) problems.push(`merge: arch "${clip(a)}" is in no shard`);
    const wanted = new Set(order);
    for (const [a, dir] of owner) if (!wanted.has(a)) problems.push(`${join(dir, 'run.json')}: arch "${clip(a)}" is not one of this run's archs`);
  }
  if (problems.length) throw new InputError(problems);
  const archs: string[] = order ? [...order] : [...atPosition.keys()].sort((a, b) => a - b).map((p) => atPosition.get(p)!);
  const rows = new Map(shards.flatMap((s) => s.scores).map((r) => [`${r.arch}\u0000${r.proxy}`, r]));
  // readResults checked each shard's rows against its own archs x proxies: a lookup finds no row only where the
  // arch's shard did not score the proxy.
  const notScored: Array<{ arch: string; proxy: string; error: string }> = [];
  const scores = archs.flatMap((a) => proxyOrder.map((p) => {
    const row = rows.get(`${a}\u0000${p}`);
    if (row) return row;
    const by = scoredBy.get(p)!;
    const held = by.flatMap((s) => heldShards(s.manifest)!.held).sort((x, y) => x - y);
    const scored = by.reduce((k, s) => k + s.manifest.archs.length, 0);
    notScored.push({ arch: a, proxy: p, error: `not scored: ${p} ran on shard${held.length > 1 ? 's' : ''} ${held.join(',')} of ${count} (${scored} of ${archs.length} archs)` });
    return { arch: a, proxy: p, value: NaN, status: 'error' as const, seconds: 0 };
  }));
  const perProxy: Record<string, number> = {};
  for (const s of shards) for (const [k, v] of Object.entries(s.manifest.timings.perProxySeconds)) perProxy[k] = (perProxy[k] ?? 0) + v;
  const sorted = [...new Set([...byIndex.keys()].sort((a, b) => a - b).map((i) => byIndex.get(i)!))];
  // `joined` (merge --proxies) describes one folder's runs, not the merged whole: the README says which ran when.
  const { shard: _shard, shards: _shards, joined: _joined, ...head } = sorted[0].manifest as RunManifest & { joined?: unknown };
  const options = Object.assign({}, ...sorted.map((s) => s.manifest.proxyOptions ?? {})) as Record<string, Record<string, unknown>>;
  const records = shards.flatMap((s) => s.manifest.proxies ?? []);
  const manifest: RunManifest = {
    ...head,
    spec: { ...(head.spec as object), proxies: proxyOrder.map((p) => specProxy(scoredBy.get(p)![0].manifest, p) ?? { name: p, options: {} }) },
    ...(shards.every((s) => s.manifest.proxies) ? { proxies: proxyOrder.map((p) => records.find((r) => r.name === p)!) } : {}),
    startedAt: sorted.map((s) => s.manifest.startedAt).sort()[0],
    finishedAt: sorted.map((s) => s.manifest.finishedAt).sort().at(-1)!,
    timings: { totalSeconds: sorted.reduce((a, s) => a + s.manifest.timings.totalSeconds, 0), perProxySeconds: perProxy },
    archs,
    errors: [...sorted.flatMap((s) => s.manifest.errors ?? []), ...notScored],
    unstable: sorted.flatMap((s) => s.manifest.unstable ?? []),
    ...(missing.length ? { shards: { held: [...byIndex.keys()].sort((a, b) => a - b), count: n } } : {}),
  };
  if (Object.keys(options).length) manifest.proxyOptions = options;
  else delete manifest.proxyOptions;
  const engines = mergeGradEngines(sorted.map((s) => s.manifest));
  if (engines) manifest.gradEngines = engines;
  else delete manifest.gradEngines;
  const warnings = [...new Set(sorted.flatMap((s) => s.manifest.warnings ?? []))];
  if (warnings.length) manifest.warnings = warnings;
  else delete manifest.warnings;
  return { manifest, scores, latency: mergeLatency(sorted, archs) };
}

/** Each proxy's gradient engines over all shards (a worker that fell back to tfjs shows as onnxruntime+tfjs). */
function mergeGradEngines(ms: RunManifest[]): RunManifest['gradEngines'] {
  const out: NonNullable<RunManifest['gradEngines']> = {};
  for (const m of ms) {
    for (const [proxy, e] of Object.entries(m.gradEngines ?? {})) {
      const prev = out[proxy];
      const engines = new Set([...(prev ? prev.engine.split('+') : []), ...e.engine.split('+')]);
      const notes = new Set([...(prev?.fallback ?? []), ...(e.fallback ?? [])]);
      const methods = new Set([...(prev?.methods ?? []), ...(e.methods ?? [])]);
      out[proxy] = { engine: [...engines].sort().join('+'), ...(notes.size ? { fallback: [...notes] } : {}),
        ...(methods.size ? { methods: [...methods].sort() } : {}) };
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function mergeLatency(shards: RunResults[], archs: string[]): LatencyJson | null {
  const withLat = shards.filter((s) => s.latency);
  if (!withLat.length) return null;
  const fp = withLat[0].latency!.fingerprint;
  for (const s of withLat.slice(1)) {
    const c = compareFingerprints(fp, s.latency!.fingerprint);
    if (!c.comparable) throw new InputError(`${s.dir}: latency measured on other hardware (${c.differences.join('; ')}); merge like with like`);
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
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { proxies: { type: 'boolean' }, partial: { type: 'boolean' }, replace: { type: 'boolean' } } });
  if (positionals.length < 2) throw new InputError('usage: zsnas merge [--partial] OUT_DIR SHARD_DIR [SHARD_DIR...] | zsnas merge --proxies [--replace] OUT_DIR RUN_DIR RUN_DIR...');
  if (values.replace && !values.proxies) throw new InputError('merge: --replace goes with --proxies (a proxy scored again by a later run replaces its column)');
  const [out, ...dirs] = positionals.map((p) => resolve(p));
  if (values.proxies) {
    const joined = joinProxyRuns(dirs.map(readResults), { replace: values.replace });
    writeAtomic(join(out, 'scores.csv'), scoresCsv(joined.scores));
    writeAtomic(join(out, 'run.json'), toJson(joined.manifest));
    process.stdout.write(`joined ${dirs.length} runs: ${joined.manifest.archs.length} archs x ${joined.manifest.proxies!.length} proxies -> ${out}\n`);
    return 0;
  }
  const merged = mergeShards(dirs.map(readResults), undefined, { partial: values.partial });
  writeAtomic(join(out, 'scores.csv'), scoresCsv(merged.scores));
  if (merged.latency) {
    const { formatVersion: _v, ...rest } = merged.latency;
    await writeLatencyResults(out, rest);
  }
  writeAtomic(join(out, 'run.json'), toJson(merged.manifest));
  const held = merged.manifest.shards ? ` (shards ${merged.manifest.shards.held.join(',')} of ${merged.manifest.shards.count})` : '';
  process.stdout.write(`merged ${dirs.length} folders${held}: ${merged.manifest.archs.length} archs, ${merged.scores.length} rows -> ${out}\n`);

  return 0;
}
