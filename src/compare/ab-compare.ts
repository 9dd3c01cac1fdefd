// Judging a side-by-side run (zsnas run --base-ref): scores against the base branch's committed baseline when it
// has one for this spec, else against the base's scores computed in the same job; latency only from the
// side-by-side measurement (a committed baseline's latency never decides: other runner, other load).
import type { Fingerprint, ScoreRow } from '../results.js';
import type { Thresholds } from '../spec/types.js';
import { compareFingerprints } from '../latency/fingerprint.js';
import { buildBaseline, type Baseline, type BaselineLoad } from './baseline.js';
import { compareRun, emptyCounts } from './compare.js';
import { abClockWords, type LatencyAbRow } from './ab-types.js';
import type { Comparison, ComparisonItem, CorrelationSummary, Verdict } from './types.js';

export interface AbJudgeInput {
  experiment: string;
  backend: string;
  seed: number;
  versions: Record<string, string>;
  head: { scores: ScoreRow[]; correlations: CorrelationSummary[]; fingerprint: Fingerprint | null };
  base: { scores: ScoreRow[]; correlations: CorrelationSummary[] };
  latencyAb: LatencyAbRow[];
  /** The base commit's committed baseline (loadBaseline of the base spec's `baseline:`). */
  committed: BaselineLoad;
  /** Thresholds of the base side: the PR is judged by the base branch. */
  thresholds: Thresholds;
  direction: (proxy: string) => 1 | -1;
}

const AB_VERDICT: Record<LatencyAbRow['verdict'], Verdict> = { slower: 'regression', faster: 'improvement', same: 'unchanged', unsure: 'incomparable' };

export function abLatencyItems(rows: readonly LatencyAbRow[]): ComparisonItem[] {
  return rows.map((r) => ({
    kind: 'latency', key: r.arch, metric: `batch=${r.batch}`, baseline: r.baseMedianMs, current: r.headMedianMs, delta: r.ratio,
    verdict: AB_VERDICT[r.verdict],
    detail: `measured side by side (${abClockWords(r.clock)}): head/base ${r.ratio.toFixed(3)} [${r.ciLow.toFixed(3)}, ${r.ciHigh.toFixed(3)}], ${r.verdict}`
      + (r.verdict === 'unsure' ? ' (the time budget ended before the interval was decisive)' : ''),
  }));
}

/** The committed baseline's latency counts only where its fingerprint matches this run's (then it is shown). */
export function committedLatencyComparable(committed: Baseline, fp: Fingerprint | null): boolean {
  const b = committed.latency.fingerprint;
  return !!(b && fp && compareFingerprints(b, fp).comparable);
}

export function judgeAb(j: AbJudgeInput): Comparison & { scoresAgainst: 'committed-baseline' | 'base-run' } {
  const scoresAgainst = j.committed.ok ? 'committed-baseline' as const : 'base-run' as const;
  const reference: Baseline = j.committed.ok
    ? j.committed.baseline
    : buildBaseline({
      experiment: j.experiment, backend: j.backend, seed: j.seed, versions: j.versions, scores: j.base.scores,
      correlations: j.base.correlations, fingerprint: null, latency: [],
    });
  // latency: [] keeps the committed baseline's latency out of the verdicts.
  const scored = compareRun({
    experiment: j.experiment, backend: j.backend, scores: j.head.scores, correlations: j.head.correlations,
    fingerprint: j.head.fingerprint, latency: [], direction: j.direction,
  }, reference, j.thresholds);
  const items = [...scored.items, ...abLatencyItems(j.latencyAb)];
  const counts = emptyCounts();
  for (const i of items) counts[i.verdict]++;
  // As on the plain compare path, only a missing baseline is a first run: a damaged one is reported as broken
  // (the gate with fail-on-regression fails on it), while the scores still get the same-job comparison.
  const broken = !j.committed.ok && !j.committed.missing;
  const message = j.committed.ok
    ? undefined
    : broken
      ? `the base commit's baseline cannot be used: ${j.committed.message}; scores were compared with the base commit's scores computed in this job`
      : `scores compared with the base commit's scores computed in this job (${j.committed.message})`;
  return {
    experiment: j.experiment, baselineFound: true, ...(broken ? { baselineBroken: true } : {}), items, counts, scoresAgainst,
    ...(message ? { message } : {}),
  };
}
