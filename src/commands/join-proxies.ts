// `zsnas merge --proxies OUT RUN_DIR...`: joins complete runs of one experiment that scored the same archs with
// different proxies (a proxy added later with `run --proxies`) into the run that scoring all of them at once writes;
// a partial merge (`merge --partial`, some shards of the sample) may cover fewer archs. Rows are taken as they are: proxies are computed independently of each other (tested bit for bit), so adding a
// proxy never changes another's scores and what is already committed need not be recomputed.
// `--replace`: a proxy scored by several runs is taken whole from the last of them (a stale column recomputed with
// today's definition), so one column never mixes the rows, options or engines of two runs.
import { basename, join } from 'node:path';
import type { ProxyRecord, RunManifest, ScoreRow } from '../results.js';
import type { RunResults } from '../rundir/read.js';
import { manifestProxyNames } from '../rundir/manifest.js';
import { getProxy, hasProxy } from '../proxies/index.js';
import { clip, InputError } from '../io/input-error.js';

/** One joined part, kept in run.json so the report can say which proxies ran when, with which versions. */
export interface JoinedPart {
  proxies: string[];
  /** How many of the joined archs this part scored (fewer for a partial merge). */
  archs: number;
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  versions: Record<string, string>;
  /** Proxies this part scored whose column a later run replaced (`merge --proxies --replace`). */
  replaced?: string[];
}

type SpecLike = { space?: unknown; dataset?: unknown; data?: unknown; proxies?: unknown[] };

/**
 * What must be equal across the joined runs: everything that decides a score, except which proxies ran. The
 * calibration file is compared by name, not folder: runs made at different times may read the same pinned file
 * from another place (a committed run.json carries the data path relative to the checkout).
 */
function agreement(m: RunManifest): Record<string, string> {
  const spec = (m.spec ?? {}) as SpecLike;
  const data = spec.data as { path?: unknown } | undefined;
  const sameFile = data && typeof data.path === 'string' ? { ...data, path: basename(data.path) } : data;
  return {
    experiment: m.name, backend: m.backend, seed: String(m.seed), space: JSON.stringify(spec.space),
    dataset: JSON.stringify(spec.dataset), data: JSON.stringify(sameFile),
  };
}

/** The run's proxy records; runs made before `proxies` was recorded get the registry's direction. */
function proxyRecords(m: RunManifest, dir: string): ProxyRecord[] {
  if (m.proxies) return m.proxies;
  return manifestProxyNames(m).map((name) => {
    if (!hasProxy(name)) throw new InputError(`${join(dir, 'run.json')}: proxy "${clip(name)}" is not built in and the run did not record its direction`);
    return { name, direction: getProxy(name).direction };
  });
}

export function joinProxyRuns(runs: RunResults[], opts: { replace?: boolean } = {}): { manifest: RunManifest; scores: ScoreRow[] } {
  if (runs.length < 2) throw new InputError('merge --proxies: give at least two run folders to join');
  const problems: string[] = [];
  const [first] = runs;
  const want = agreement(first.manifest);
  const owner = new Map<string, string>();
  const archSet = new Set(first.manifest.archs);
  for (const r of runs) {
    const where = join(r.dir, 'run.json');
    if (r.manifest.shard) problems.push(`${where}: shard ${r.manifest.shard.index}/${r.manifest.shard.count}: join whole runs (merge the shards first)`);
    if (r.latency) problems.push(`${join(r.dir, 'latency.json')}: latency is not joined: run the added proxies with --no-latency`);
    const got = agreement(r.manifest);
    for (const k of Object.keys(want)) {
      if (got[k] !== want[k]) problems.push(`${where}: ${k} ${clip(got[k])} differs from ${clip(want[k])} in ${first.dir}: only runs of one experiment join`);
    }
    for (const p of manifestProxyNames(r.manifest)) {
      if (owner.has(p) && !opts.replace) problems.push(`${where}: proxy "${clip(p)}" is also in ${owner.get(p)}: each proxy from one run (--replace takes it from the last)`);
      else owner.set(p, r.dir);
    }
    const archs = new Set(r.manifest.archs);
    const missing = first.manifest.archs.filter((a) => !archs.has(a));
    const extra = r.manifest.archs.filter((a) => !archSet.has(a));
    // A partial merge (some shards of the sample) may cover fewer archs than the first run; nothing else may.
    const partialSubset = r !== first && r.manifest.shards !== undefined && !extra.length;
    if ((missing.length && !partialSubset) || extra.length) {
      problems.push(`${where}: archs differ from ${first.dir} (${missing.length} missing, e.g. "${clip(missing[0] ?? '')}"; ` +
        `${extra.length} extra, e.g. "${clip(extra[0] ?? '')}"): joined runs score the same archs`);
    }
  }
  if (problems.length) throw new InputError(problems);

  const archs = first.manifest.archs;
  // Each proxy comes from the run that owns it (the last that scored it); a replaced column keeps its place.
  const owns = (r: RunResults, proxy: string) => owner.get(proxy) === r.dir;
  const order = [...new Set(runs.flatMap((r) => manifestProxyNames(r.manifest)))];
  const records = runs.flatMap((r) => proxyRecords(r.manifest, r.dir).filter((p) => owns(r, p.name)));
  const proxies = order.map((name) => records.find((p) => p.name === name)!);
  const rows = new Map(runs.flatMap((r) => r.scores.filter((s) => owns(r, s.proxy))).map((s) => [`${s.arch}\u0000${s.proxy}`, s]));
  // readResults checked each run's rows against its own archs x proxies; the only gaps are a partial run's, which
  // become error rows that say why (left out of every correlation, so each proxy's n is what it really scored).
  const notReached: Array<{ arch: string; proxy: string; error: string }> = [];
  for (const r of runs) {
    if (!r.manifest.shards || r.manifest.archs.length === archs.length) continue;
    const { held, count } = r.manifest.shards;
    const mine = manifestProxyNames(r.manifest).filter((p) => owns(r, p));
    const why = `not scored: ${mine.join(', ')} ran on shards ${held.join(',')} of ${count} ` +
      `(${r.manifest.archs.length} of ${archs.length} archs) for time`;
    const have = new Set(r.manifest.archs);
    for (const a of archs) if (!have.has(a)) for (const p of mine) notReached.push({ arch: a, proxy: p, error: why });
  }
  for (const e of notReached) rows.set(`${e.arch}\u0000${e.proxy}`, { arch: e.arch, proxy: e.proxy, value: NaN, status: 'error', seconds: 0 });
  const scores = archs.flatMap((a) => proxies.map((p) => rows.get(`${a}\u0000${p.name}`)!));
  const perProxy: Record<string, number> = {};
  for (const r of runs) for (const [p, s] of Object.entries(r.manifest.timings.perProxySeconds)) if (owns(r, p)) perProxy[p] = s;
  const parts: JoinedPart[] = runs.flatMap((r) => ((r.manifest as RunManifest & { joined?: JoinedPart[] }).joined ?? [{
    proxies: manifestProxyNames(r.manifest), archs: r.manifest.archs.length, startedAt: r.manifest.startedAt, finishedAt: r.manifest.finishedAt,
    totalSeconds: r.manifest.timings.totalSeconds, versions: r.manifest.versions,
  }]).map((part) => {
    const gone = part.proxies.filter((p) => !owns(r, p));
    return gone.length ? { ...part, proxies: part.proxies.filter((p) => owns(r, p)), replaced: [...(part.replaced ?? []), ...gone] } : part;
  }));
  const named = (e: unknown) => (e as { name?: unknown } | null)?.name;
  const specProxies = runs.flatMap((r) => (((r.manifest.spec ?? {}) as SpecLike).proxies ?? []).filter((e) => typeof named(e) !== 'string' || owns(r, named(e) as string)));
  const ownOptions = (r: RunResults) => Object.fromEntries(Object.entries(r.manifest.proxyOptions ?? {}).filter(([p]) => owns(r, p)));
  const options = Object.assign({}, ...runs.map(ownOptions)) as Record<string, Record<string, unknown>>;
  // Each proxy's gradient engine from the run that scored it (not only the first run's).
  const engines = Object.fromEntries(runs.flatMap((r) => Object.entries(r.manifest.gradEngines ?? {}).filter(([p]) => owns(r, p))));
  const warnings = [...new Set(runs.flatMap((r) => r.manifest.warnings ?? []))];
  const { warnings: _w, proxyOptions: _o, gradEngines: _g, ...head } = first.manifest;
  const manifest: RunManifest & { joined: JoinedPart[] } = {
    ...head,
    spec: { ...(first.manifest.spec as object), proxies: specProxies },
    startedAt: runs.map((r) => r.manifest.startedAt).sort()[0],
    finishedAt: runs.map((r) => r.manifest.finishedAt).sort().at(-1)!,
    timings: { totalSeconds: runs.reduce((a, r) => a + r.manifest.timings.totalSeconds, 0), perProxySeconds: perProxy },
    proxies,
    errors: [...runs.flatMap((r) => (r.manifest.errors ?? []).filter((e) => owns(r, e.proxy))), ...notReached],
    unstable: runs.flatMap((r) => (r.manifest.unstable ?? []).filter((u) => owns(r, u.proxy))),
    ...(Object.keys(options).length ? { proxyOptions: options } : {}),
    ...(Object.keys(engines).length ? { gradEngines: engines } : {}),
    ...(warnings.length ? { warnings } : {}),
    joined: parts,
  };
  return { manifest, scores };
}
