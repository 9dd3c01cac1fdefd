// Compares a run with the baseline of the PR's base: per-arch proxy scores, per-proxy correlations, latency
// (statistical rule, like-for-like fingerprints only), archs added or removed. Pure: no I/O.
import type { Fingerprint, ScoreRow } from '../results.js';
import type { Thresholds } from '../spec/types.js';
import { compareFingerprints } from '../latency/fingerprint.js';
import { latencyVerdict } from '../latency/verdict.js';
import type { Baseline, BaselineLatency } from './baseline.js';
import type { Comparison, ComparisonItem, CorrelationSummary, Verdict } from './types.js';

export interface CurrentRun {
  experiment: string;
  backend: string;
  scores: ScoreRow[];
  correlations: CorrelationSummary[];
  fingerprint: Fingerprint | null;
  latency: BaselineLatency[];
  /**
   * Median of the reference workload in the same rounds: a load indicator for the report only. It no longer
   * rescales latencies: its median picks up machine load and turned a faster run into a "slower" one.
   */
  referenceMedianMs?: number;
  /** +1 when a higher score is better, per proxy. */
  direction: (proxy: string) => 1 | -1;
}

const ALL: Verdict[] = ['regression', 'improvement', 'unchanged', 'added', 'removed', 'incomparable'];

export function emptyCounts(): Record<Verdict, number> {
  return Object.fromEntries(ALL.map((v) => [v, 0])) as Record<Verdict, number>;
}

/** No usable baseline: `broken` when one exists but is damaged (a gate must fail), else a first run. */
export function noBaseline(experiment: string, message: string, broken = false): Comparison {
  return { experiment, baselineFound: false, ...(broken ? { baselineBroken: true } : {}), message, items: [], counts: emptyCounts() };
}

export function compareRun(cur: CurrentRun, base: Baseline, t: Thresholds): Comparison {
  const items: ComparisonItem[] = [
    ...compareArchs(cur, base), ...compareScores(cur, base, t), ...compareCorrelations(cur, base, t), ...compareLatency(cur, base, t),
  ];
  const counts = emptyCounts();
  for (const i of items) counts[i.verdict]++;
  return { experiment: cur.experiment, baselineFound: true, items, counts };
}

function compareArchs(cur: CurrentRun, base: Baseline): ComparisonItem[] {
  const now = new Set(cur.scores.map((r) => r.arch));
  const before = new Set(Object.keys(base.scores));
  return [
    ...[...now].filter((a) => !before.has(a)).map((a) => ({ kind: 'arch' as const, key: a, metric: 'present', verdict: 'added' as const, detail: 'not in the baseline' })),
    ...[...before].filter((a) => !now.has(a)).map((a) => ({ kind: 'arch' as const, key: a, metric: 'present', verdict: 'removed' as const, detail: 'in the baseline, not in this run' })),
  ];
}

const RANK: Record<string, number> = { ok: 0, inf: 1, nan: 2, error: 3 };

/** A gradient proxy's engine; rows and baselines without one ran on tfjs (or had no gradient pass). */
const engineOf = (x: { engine?: string }) => x.engine ?? 'tfjs';

function compareScores(cur: CurrentRun, base: Baseline, t: Thresholds): ComparisonItem[] {
  const items: ComparisonItem[] = [];
  for (const r of cur.scores) {
    const b = base.scores[r.arch]?.[r.proxy];
    if (!b) continue;
    const item = { kind: 'score' as const, key: r.proxy, metric: r.arch, baseline: b.value, current: r.value };
    if (r.status !== b.status) {
      const worse = RANK[r.status] > RANK[b.status];
      items.push({ ...item, verdict: worse ? 'regression' : 'improvement', detail: `status ${b.status} -> ${r.status}` });
      continue;
    }
    if (r.status !== 'ok') { items.push({ ...item, verdict: 'unchanged', detail: `status ${r.status} in both` }); continue; }
    const delta = r.value - b.value;
    // Two engines for the gradient passes (onnxruntime, tfjs) round differently, by more than any tolerance that
    // would still catch a real change of a cancellation-prone proxy (ZiCo, GraSP): say so instead of guessing.
    if (delta !== 0 && engineOf(r) !== engineOf(b)) {
      items.push({ ...item, delta, verdict: 'incomparable',
        detail: `gradient engine ${engineOf(b)} in the baseline, ${engineOf(r)} now: refresh the baseline or pin proxy_engine` });
      continue;
    }
    const sameBackend = cur.backend === base.backend;
    const tol = sameBackend ? 0 : t.scoreRelTol;
    const rel = Math.abs(delta) / Math.max(Math.abs(b.value), 1e-30);
    if (delta === 0 || rel <= tol) {
      items.push({ ...item, delta, verdict: 'unchanged', detail: sameBackend ? 'identical (same backend)' : `within relative tolerance ${tol}` });
      continue;
    }
    // A proxy predicts accuracy: a score that moves the worse way predicts a worse arch.
    const better = delta * cur.direction(r.proxy) > 0;
    items.push({ ...item, delta, verdict: better ? 'improvement' : 'regression',
      detail: sameBackend ? 'same backend, exact comparison' : `relative change ${rel.toExponential(2)} > ${tol}` });
  }
  return items;
}

function compareCorrelations(cur: CurrentRun, base: Baseline, t: Thresholds): ComparisonItem[] {
  const items: ComparisonItem[] = [];
  for (const c of cur.correlations) {
    const b = base.correlations.find((x) => x.proxy === c.proxy);
    if (!b) continue;
    for (const metric of ['spearman', 'kendall'] as const) {
      const delta = c[metric] - b[metric];
      const item = { kind: 'correlation' as const, key: c.proxy, metric, baseline: b[metric], current: c[metric], delta };
      if (!Number.isFinite(delta)) items.push({ ...item, verdict: 'incomparable', detail: 'correlation undefined on one side' });
      else if (delta < -t.correlationDrop) items.push({ ...item, verdict: 'regression', detail: `dropped ${(-delta).toFixed(3)} > ${t.correlationDrop}` });
      else if (delta > t.correlationDrop) items.push({ ...item, verdict: 'improvement', detail: `rose ${delta.toFixed(3)} > ${t.correlationDrop}` });
      else items.push({ ...item, verdict: 'unchanged', detail: `|change| ${Math.abs(delta).toFixed(3)} <= ${t.correlationDrop}` });
    }
  }
  return items;
}

function compareLatency(cur: CurrentRun, base: Baseline, t: Thresholds): ComparisonItem[] {
  if (!cur.latency.length || !base.latency.rows.length) return [];
  const fpA = base.latency.fingerprint, fpB = cur.fingerprint;
  const fp = fpA && fpB ? compareFingerprints(fpA, fpB) : { comparable: false, differences: ['fingerprint missing'] };
  const items: ComparisonItem[] = [];
  for (const r of cur.latency) {
    const b = base.latency.rows.find((x) => x.arch === r.arch && x.batch === r.batch);
    if (!b) continue;
    const item = { kind: 'latency' as const, key: r.arch, metric: `batch=${r.batch}`, baseline: b.median_ms, current: r.median_ms };
    if (!fp.comparable) {
      items.push({ ...item, verdict: 'incomparable', detail: `no verdict: different hardware/software (${fp.differences.join('; ')})` });
      continue;
    }
    const v = latencyVerdict(b.samples_ms, r.samples_ms, { alpha: t.latencyAlpha, minEffect: t.latencyMinEffect });
    const verdict: Verdict = v.verdict === 'slower' ? 'regression' : v.verdict === 'faster' ? 'improvement' : 'unchanged';
    items.push({ ...item, delta: v.fastRatio, verdict,
      detail: `fast-part ratio ${v.fastRatio.toFixed(3)} [${v.ratioCi[0].toFixed(3)}, ${v.ratioCi[1].toFixed(3)}], p=${v.pValue.toPrecision(2)}; ${v.reason}` });
  }
  return items;
}
