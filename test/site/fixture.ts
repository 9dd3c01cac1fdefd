// A small reports/ folder written with the real writers: a baseline (NB201 arch strings, full of '|'), a PR report
// (writeReport), a correlate run (correlations.json/.md beside run.json and scores.csv), a hw-aware result and a history.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBaseline, serializeBaseline } from '../../src/compare/baseline.js';
import { correlationMarkdown } from '../../src/commands/correlate.js';
import { toJson } from '../../src/io/atomic.js';
import { scoresCsv } from '../../src/rundir/scores-csv.js';
import { agreementMarkdown } from '../../src/hwaware/markdown.js';
import { writeReport } from '../../src/report/render.js';
import { appendHistory } from '../../src/publish/site/history.js';
import type { LatencyRow, ScoreRow } from '../../src/results.js';
import { fixtureInput, manifest } from '../report/fixture.js';

export const NB201_ARCHS = [
  '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
  '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|',
];

/** The slugs discoverEntries gives the fixture, in the order the index lists them. */
export const FIXTURE_SLUGS = ['baseline-pr-check', 'hw-aware', 'nb201-cifar10', 'pr-check'];

function latencyRow(arch: string, m: number): LatencyRow {
  return { arch, batch: 1, median_ms: m, p25_ms: m * 0.95, p75_ms: m * 1.06, min_ms: m * 0.9, cv: 0.05, n: 5, ci_low_ms: m * 0.97, ci_high_ms: m * 1.03, normalized: m / 5 };
}

export async function writeFixtureReports(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-site-reports-'));
  const scores: ScoreRow[] = NB201_ARCHS.flatMap((arch, i) => [
    { arch, proxy: 'params', value: 1e5 * (i + 1), status: 'ok' as const, seconds: 0 },
    { arch, proxy: 'synflow', value: 10 ** (20 + i), status: 'ok' as const, seconds: 0 },
  ]);
  const correlations = fixtureInput({ nArchs: 8 }).correlations!;

  mkdirSync(join(root, 'baselines'));
  writeFileSync(join(root, 'baselines', 'pr-check.json'), serializeBaseline(buildBaseline({
    experiment: 'pr-check', backend: 'wasm', seed: 0, versions: { zsnas: '0.1.0' }, scores, correlations,
    fingerprint: manifest([]).fingerprint,
    latency: NB201_ARCHS.map((a, i) => ({ ...latencyRow(a, 10 + 5 * i), samples_ms: [9, 10, 11, 12, 10].map((x) => x + 5 * i) })),
  })));

  await writeReport(join(root, 'pr-check'), fixtureInput({ nArchs: 8 }));

  const corr = join(root, 'nb201-cifar10');
  mkdirSync(corr);
  writeFileSync(join(corr, 'run.json'), JSON.stringify({ ...manifest(NB201_ARCHS, 'nb201-cifar10'), finishedAt: '2025-02-03T04:05:06Z' }));
  writeFileSync(join(corr, 'scores.csv'), scoresCsv(scores));
  writeFileSync(join(corr, 'correlations.json'), toJson(correlations));
  writeFileSync(join(corr, 'correlations.md'), correlationMarkdown(correlations, { n: 3, dataset: 'cifar10', column: 'c10_test_200e' }));

  const hw = join(root, 'hw-aware');
  mkdirSync(hw);
  const agreement = ['c10_raspi4_latency', 'c10_fpga_latency'].flatMap((device, i) => ['latency_ms', 'flops'].map((measure, j) =>
    ({ measure, device, n: 3, dropped: 0, spearman: 0.5 + 0.2 * i + 0.1 * j, kendall: 0.4 + 0.1 * i })));
  writeFileSync(join(hw, 'hw-aware.json'), JSON.stringify({
    formatVersion: 1, name: 'nb201-hw-aware', nArchs: 3, fingerprint: manifest([]).fingerprint, agreement,
    meanGaps: { synflow: { latency_ms: 2.1, flops: 1.3 }, naswot: { latency_ms: 2.4, flops: 2.6 } },
  }));
  writeFileSync(join(hw, 'hw-aware.md'), `# Hardware-aware comparison: nb201-hw-aware\n\n${agreementMarkdown(agreement)}\n`);

  const history = join(root, 'history.jsonl');
  appendHistory(history, { commit: 'a'.repeat(40), date: '2025-01-01T00:00:00Z', experiment: 'pr-check', spearman: { synflow: 0.7, naswot: 0.8 }, latencyMs: { [NB201_ARCHS[0]!]: 10, [NB201_ARCHS[1]!]: 12 } });
  appendHistory(history, { commit: 'b'.repeat(40), date: '2025-01-02T00:00:00Z', experiment: 'pr-check', spearman: { synflow: 0.72, naswot: 0.79 }, latencyMs: { [NB201_ARCHS[0]!]: 10.5, [NB201_ARCHS[1]!]: 11.8 } });
  return root;
}
