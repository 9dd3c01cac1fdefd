// The ReportInput of a results directory (scores, latency, ground-truth correlations, Pareto front), shared by
// the plain pipeline and its side-by-side (--base-ref) branch.
import type { ReportInput } from '../report/types.js';
import type { ExperimentSpec } from '../spec/types.js';
import { accuracyByArch } from '../data/groundtruth.js';
import { fetchPinned, defaultCacheDir } from '../data/download.js';
import { correlationsFor } from '../compare/correlations.js';
import { getProxy, hasProxy } from '../proxies/index.js';
import { loadedCustomProxy } from '../proxies/custom.js';
import { paretoFront } from '../stats/pareto.js';
import type { RunResults } from '../rundir/read.js';
import type { RunManifest } from '../results.js';
import type { Sensitivity } from '../stats/sensitivity.js';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const direction = (proxy: string): 1 | -1 => (hasProxy(proxy) ? getProxy(proxy).direction : loadedCustomProxy(proxy)?.direction ?? 1);

/** Each proxy's direction as the run recorded it (a custom module is not loaded again), else as above. */
export function directionOf(manifest: RunManifest | undefined): (proxy: string) => 1 | -1 {
  return (proxy) => manifest?.proxies?.find((p) => p.name === proxy)?.direction ?? direction(proxy);
}

export async function groundTruth(spec: ExperimentSpec): Promise<Map<string, number> | undefined> {
  const gt = spec.groundTruth;
  if (!gt) return undefined;
  const path = gt.path ?? (gt.url && gt.sha256 ? await fetchPinned({ url: gt.url, sha256: gt.sha256, name: 'ground-truth.csv', cacheDir: defaultCacheDir() }) : undefined);
  return path ? accuracyByArch(path, gt.column) : undefined;
}

export async function reportInput(spec: ExperimentSpec, res: RunResults): Promise<ReportInput> {
  const direction = directionOf(res.manifest);
  const accuracy = await groundTruth(spec);
  const correlations = accuracy ? correlationsFor(res.scores, accuracy, spec.dataset, direction, { space: spec.space }) : undefined;
  const latency = res.latency?.rows ?? [];
  const input: ReportInput = { experiment: spec.name, manifest: res.manifest, scores: res.scores, latency };
  if (accuracy) input.accuracy = accuracy;
  if (correlations?.length) input.correlations = correlations;
  const sweep = sweepOf(res.dir);
  if (sweep) input.sensitivity = sweep;
  if (res.latency) {
    input.latencySamples = res.latency.samples.map((s) => ({ arch: s.arch, batch: s.batch, side: 'head' as const, ms: s.samples_ms }));
    const proxy = spec.proxies.find((p) => !['params', 'flops'].includes(p.name))?.name ?? spec.proxies[0]?.name;
    if (proxy && latency.length) {
      const lat = new Map(latency.filter((r) => r.batch === latency[0].batch).map((r) => [r.arch, r.median_ms]));
      const sign = direction(proxy);
      const score = new Map(res.scores.filter((r) => r.proxy === proxy && r.status === 'ok').map((r) => [r.arch, sign * r.value]));
      input.pareto = { proxy, front: paretoFront(lat, score).map((p) => p.arch) };
    }
  }
  return input;
}

/** The sensitivity analysis of the sweep a run folder belongs to (zsnas sweep writes runs in OUT/<run>/). */
function sweepOf(runDir: string): Sensitivity | undefined {
  const path = join(dirname(runDir), 'sensitivity.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8'), (_k, v) => (v === null ? NaN : v)) as Sensitivity;
}
