// Two realistic pull-request reports with base and head measured side by side: the PR-check spec (4 NB201 cells,
// a proxy code change and one slower cell) and a model repository (6 models × 5 proxies, one model given an extra
// 3×3 conv). Used by the rendered-comment tests and by scripts/report-screenshots.ts for the README pictures.
import type { LatencySamples, ReportInput } from '../../src/report/types.js';
import type { LatencyRow, ScoreRow } from '../../src/results.js';
import type { Comparison, ComparisonItem } from '../../src/compare/types.js';
import type { LatencyAbRow } from '../../src/compare/ab-types.js';
import { counts, manifest } from './fixture.js';

export const PR_CHECK_ARCHS = [
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
  '|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|',
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
];

const HEAD_SHA = '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345';
const BASE_SHA = 'def5678a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e';

function latencyRow(arch: string, ms: number): LatencyRow {
  return { arch, batch: 1, median_ms: ms, p25_ms: ms * 0.96, p75_ms: ms * 1.05, min_ms: ms * 0.92, cv: 0.05, n: 40, ci_low_ms: ms * 0.98, ci_high_ms: ms * 1.03, normalized: ms / 13 };
}

function abRow(arch: string, baseMs: number, ratio: number, ci: [number, number], verdict: LatencyAbRow['verdict']): LatencyAbRow {
  return { arch, batch: 1, baseMedianMs: baseMs, headMedianMs: baseMs * ratio, ratio, ciLow: ci[0], ciHigh: ci[1], verdict };
}

/** Wall-clock samples of both sides of each A/B row, as pipeline-ab.ts passes them: 24 interleaved rounds with a
 * deterministic ±4% spread around each side's median, so the Pareto chart has base points to draw. */
function wallSamples(rows: LatencyAbRow[]): LatencySamples[] {
  const spread = (ms: number) => Array.from({ length: 24 }, (_, i) => ms * (1 + 0.04 * Math.sin(1.7 * i + 0.3)));
  return rows.flatMap((r) => [
    { arch: r.arch, batch: r.batch, side: 'base' as const, ms: spread(r.baseMedianMs) },
    { arch: r.arch, batch: r.batch, side: 'head' as const, ms: spread(r.headMedianMs) },
  ]);
}

/** Score items against base: identical except where `changes` says (arch → proxy → head/base factor, verdict). */
function scoreItems(scores: ScoreRow[], changes: Record<string, Record<string, [number, ComparisonItem['verdict']]>>): ComparisonItem[] {
  return scores.map((s): ComparisonItem => {
    const c = changes[s.arch]?.[s.proxy];
    if (!c) return { kind: 'score', key: s.proxy, metric: s.arch, baseline: s.value, current: s.value, delta: 0, verdict: 'unchanged', detail: 'identical (same backend)' };
    const base = s.value / c[0];
    return { kind: 'score', key: s.proxy, metric: s.arch, baseline: base, current: s.value, delta: s.value - base, verdict: c[1], detail: 'same backend, exact comparison' };
  });
}

function comparison(experiment: string, items: ComparisonItem[]): Comparison {
  return { experiment, baselineFound: true, items, counts: counts(items) };
}

/** The PR-check spec: grad_norm's code changed (one cell −20%), one cell 1.32× slower, one unsure. */
export function prCheckInput(): ReportInput {
  const [a, b, c, d] = PR_CHECK_ARCHS as [string, string, string, string];
  const values: Record<string, Record<string, number>> = {
    [a]: { params: 1288506, flops: 184730250, grad_norm: 45.2045 },
    [b]: { params: 559386, flops: 78561930, grad_norm: 2.1270 },
    [c]: { params: 241306, flops: 31376010, grad_norm: 354.867 },
    [d]: { params: 129306, flops: 16219530, grad_norm: 11.3826 },
  };
  const scores: ScoreRow[] = PR_CHECK_ARCHS.flatMap((arch) => Object.entries(values[arch]!).map(([proxy, value]) => ({ arch, proxy, value, status: 'ok' as const, seconds: 0.2 })));
  const latencyAb = [abRow(a, 26.0, 1.32, [1.25, 1.4], 'slower'), abRow(b, 10.1, 1.04, [0.99, 1.09], 'unsure'), abRow(c, 7.9, 1.005, [0.98, 1.03], 'same'), abRow(d, 5.2, 0.99, [0.97, 1.02], 'same')];
  const m = manifest(PR_CHECK_ARCHS, 'pr-check');
  m.fingerprint = { ...m.fingerprint, cpuModel: 'AMD EPYC 7763 64-Core Processor', cores: 4 };
  m.timings = { totalSeconds: 58.4, perProxySeconds: { params: 0.1, flops: 0.1, grad_norm: 3.9 } };
  return {
    experiment: 'pr-check', manifest: m, scores,
    latency: latencyAb.map((r) => latencyRow(r.arch, r.headMedianMs)),
    comparison: comparison('pr-check', scoreItems(scores, { [b]: { grad_norm: [0.8, 'regression'] } })),
    latencyAb,
    latencySamples: wallSamples(latencyAb),
    abSides: { baseRef: BASE_SHA, baseSha: BASE_SHA, headSha: HEAD_SHA, added: [], removed: [], judgingChanges: ['src/proxies/grad_norm.ts'] },
    failOnRegression: true,
    runUrl: 'https://github.com/octo/zsnas/actions/runs/4242',
    artifactUrl: 'https://github.com/octo/zsnas/actions/runs/4242/artifacts/1717',
  };
}

export const MODEL_REPO_MODELS = ['keras/small_cnn.json', 'keras/resnet_functional.json', 'keras/mobile_block.json', 'resnet-a', 'mbv2-b', 'mbv2-tiny'];
const MODEL_REPO_PROXIES = ['params', 'flops', 'synflow', 'naswot', 'zen'];

/** A model repository without a committed baseline: base scored in the same job; resnet-a got one more 3×3 conv. */
export function modelRepoInput(): ReportInput {
  const head: Record<string, number[]> = {
    'keras/small_cnn.json': [62346, 9.31e6, 4.1e11, 1684.2, 38.1],
    'keras/resnet_functional.json': [175258, 2.64e7, 2.9e15, 1721.9, 61.7],
    'keras/mobile_block.json': [48730, 5.12e6, 7.7e12, 1702.4, 44.9],
    'resnet-a': [281754, 4.41e7, 8.4e18, 1745.0, 73.2],
    'mbv2-b': [96122, 1.21e7, 2.2e13, 1698.3, 47.5],
    'mbv2-tiny': [4410, 6.1e5, 3.1e8, 1602.7, 21.4],
  };
  const scores: ScoreRow[] = MODEL_REPO_MODELS.flatMap((arch) => MODEL_REPO_PROXIES.map((proxy, i) => ({ arch, proxy, value: head[arch]![i]!, status: 'ok' as const, seconds: 0.3 })));
  const latencyAb = [
    abRow('resnet-a', 14.2, 1.32, [1.25, 1.4], 'slower'),
    abRow('mbv2-b', 6.3, 0.83, [0.79, 0.87], 'faster'),
    abRow('keras/resnet_functional.json', 9.8, 1.01, [0.98, 1.04], 'same'),
    abRow('keras/small_cnn.json', 2.1, 0.99, [0.96, 1.03], 'same'),
    abRow('keras/mobile_block.json', 3.4, 1.02, [0.99, 1.05], 'same'),
    abRow('mbv2-tiny', 0.61, 1.0, [0.97, 1.03], 'same'),
  ];
  const m = manifest(MODEL_REPO_MODELS, 'model-repo');
  m.backend = 'tensorflow';
  m.fingerprint = { ...m.fingerprint, cpuModel: 'AMD EPYC 7763 64-Core Processor', cores: 4, backend: 'tensorflow' };
  m.timings = { totalSeconds: 41.7, perProxySeconds: Object.fromEntries(MODEL_REPO_PROXIES.map((p) => [p, 1.2])) };
  const changes = {
    'resnet-a': { params: [1.041, 'improvement'], flops: [1.12, 'improvement'], synflow: [1.9, 'improvement'], naswot: [1.004, 'improvement'] },
    'mbv2-b': { synflow: [0.8, 'regression'], zen: [0.95, 'regression'] },
  } as Record<string, Record<string, [number, ComparisonItem['verdict']]>>;
  return {
    experiment: 'model-repo', manifest: m, scores,
    latency: latencyAb.map((r) => latencyRow(r.arch, r.headMedianMs)),
    comparison: comparison('model-repo', scoreItems(scores, changes)),
    latencyAb,
    latencySamples: wallSamples(latencyAb),
    pareto: { proxy: 'naswot', front: [] },
    abSides: { baseRef: 'main', baseSha: BASE_SHA, headSha: HEAD_SHA, added: [], removed: [], judgingChanges: [] },
    failOnRegression: false,
    runUrl: 'https://github.com/octo/models/actions/runs/77',
  };
}
