// A realistic, deterministic ReportInput for the report, publish and action tests (no pipeline needed).
import type { ReportInput, LatencySamples } from '../../src/report/types.js';
import type { ScoreRow, LatencyRow, RunManifest } from '../../src/results.js';
import type { Comparison, ComparisonItem, CorrelationSummary, Verdict } from '../../src/compare/types.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export function counts(items: ComparisonItem[]): Record<Verdict, number> {
  const c: Record<Verdict, number> = { regression: 0, improvement: 0, unchanged: 0, added: 0, removed: 0, incomparable: 0 };
  for (const i of items) c[i.verdict]++;
  return c;
}

export function manifest(archs: string[], name = 'pr-check'): RunManifest {
  return {
    formatVersion: 1,
    name,
    spec: {},
    backend: 'wasm',
    versions: { zsnas: '0.1.0', '@tensorflow/tfjs': '4.22.0' },
    fingerprint: { cpuModel: 'AMD EPYC 7763', cores: 4, memoryGiB: 15.6, os: 'linux x64', node: 'v20.20.2', tfjs: '4.22.0', backend: 'wasm', threads: 4 },
    seed: 0,
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: '2025-01-01T00:01:00Z',
    timings: { totalSeconds: 61.2, perProxySeconds: { synflow: 12.1, naswot: 20.4, 'grad_norm': 9.7 } },
    archs,
    errors: [],
  };
}

/** nArchs archs, three proxies (one with an error), accuracy, correlations, latency with raw samples, and a comparison. */
export function fixtureInput(opts: { nArchs?: number; items?: ComparisonItem[]; experiment?: string } = {}): ReportInput {
  const rnd = lcg(42);
  const n = opts.nArchs ?? 40;
  const archs = Array.from({ length: n }, (_, i) => `nb201-${1000 + i * 37}`);
  const accuracy = new Map(archs.map((a) => [a, 60 + 34 * rnd()]));
  const scores: ScoreRow[] = [];
  for (const a of archs) {
    const acc = accuracy.get(a)!;
    scores.push({ arch: a, proxy: 'synflow', value: 10 ** (acc / 10 + rnd()), status: 'ok', seconds: 0.1 });
    scores.push({ arch: a, proxy: 'naswot', value: 1500 + acc * 8 + 60 * rnd(), status: 'ok', seconds: 0.2 });
    scores.push({ arch: a, proxy: 'grad_norm', value: acc / 20 + rnd(), status: a === archs[3] ? 'nan' : 'ok', seconds: 0.1 });
  }
  const latency: LatencyRow[] = archs.map((a) => {
    const m = 2 + 10 * rnd();
    return { arch: a, batch: 1, median_ms: m, p25_ms: m * 0.95, p75_ms: m * 1.06, min_ms: m * 0.9, cv: 0.04, n: 30, ci_low_ms: m * 0.97, ci_high_ms: m * 1.03, normalized: m / 5 };
  });
  const latencySamples: LatencySamples[] = archs.slice(0, 6).flatMap((a, i) => {
    const m = latency[i]!.median_ms;
    const slow = i === 0 ? 1.25 : 1;
    return [
      { arch: a, batch: 1, side: 'base' as const, ms: Array.from({ length: 30 }, () => m * (0.92 + 0.16 * rnd())) },
      { arch: a, batch: 1, side: 'head' as const, ms: Array.from({ length: 30 }, () => m * slow * (0.92 + 0.16 * rnd())) },
    ];
  });
  const correlations: CorrelationSummary[] = [
    ['synflow', 0.76, 0.78, 0.76],
    ['naswot', 0.8, 0.81, 0.8],
    ['grad_norm', 0.58, 0.64, 0.58],
  ].map(([proxy, rho, base, pub]) => ({
    proxy: proxy as string, n, spearman: rho as number, kendall: (rho as number) * 0.72, spearmanCi: [(rho as number) - 0.08, (rho as number) + 0.06],
    kendallCi: [(rho as number) * 0.62, (rho as number) * 0.8], spearmanTop: (rho as number) / 2, kendallTop: (rho as number) / 3,
    bestPickAccuracy: 91.2, bestAccuracy: 93.8, published: pub as number, baselineSpearman: base as number,
  }));
  const items: ComparisonItem[] = opts.items ?? [
    { kind: 'latency', key: archs[0]!, metric: 'batch=1', baseline: latency[0]!.median_ms, current: latency[0]!.median_ms * 1.25, delta: 1.25, verdict: 'regression', detail: 'p=0.0004, ratio 1.25 [1.18, 1.31] > 1.05' },
    { kind: 'correlation', key: 'grad_norm', metric: 'spearman', baseline: 0.64, current: 0.58, delta: -0.06, verdict: 'regression', detail: 'ρ dropped 0.06 > 0.02' },
    { kind: 'score', key: 'naswot', metric: archs[5]!, baseline: 1900, current: 1950, delta: 50, verdict: 'improvement', detail: 'rel. change 2.6% > 1e-6' },
    ...archs.slice(1, 38).map((a): ComparisonItem => ({ kind: 'latency', key: a, metric: 'batch=1', baseline: 5, current: 5.01, delta: 1.002, verdict: 'unchanged', detail: 'p=0.71' })),
  ];
  const comparison: Comparison = { experiment: opts.experiment ?? 'pr-check', baselineFound: true, items, counts: counts(items) };
  return {
    experiment: opts.experiment ?? 'pr-check',
    manifest: manifest(archs, opts.experiment),
    scores, latency, correlations, comparison, accuracy, latencySamples,
    pareto: { proxy: 'naswot', front: paretoFront(scores.filter((s) => s.proxy === 'naswot'), latency) },
  };
}

function paretoFront(scores: ScoreRow[], latency: LatencyRow[]): string[] {
  const ms = new Map(latency.map((l) => [l.arch, l.median_ms]));
  const pts = scores.map((s) => ({ arch: s.arch, x: ms.get(s.arch)!, y: s.value })).sort((a, b) => a.x - b.x);
  const front: string[] = [];
  let best = -Infinity;
  for (const p of pts) if (p.y > best) { front.push(p.arch); best = p.y; }
  return front;
}
