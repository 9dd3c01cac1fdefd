// Latency vs one proxy's score: head's points and Pareto front, base's points where base differs (a thin line from
// base to head shows the move), and arch labels on the front and on the archs that changed.
import type { ReportInput } from './types.js';
import { CHART_TITLES } from './types.js';
import { changeRows } from './changes.js';
import { median } from '../stats/descriptive.js';
import { BASE_SPEC, CHART_WIDTH, colourScale, type Labeler, type VlSpec } from './change-charts.js';

const MAX_TEXT_LABELS = 14;

function logOrLinear(values: number[]) {
  const pos = values.length > 0 && values.every((v) => v > 0);
  return pos && Math.max(...values) / Math.min(...values) > 20 ? { type: 'log', nice: false, padding: 14 } : { zero: false, padding: 14 };
}

/** Non-dominated points: lower latency and higher score. */
function frontOf(points: Array<{ arch: string; latency: number; score: number }>): Set<string> {
  const sorted = [...points].sort((a, b) => a.latency - b.latency || b.score - a.score);
  const front = new Set<string>();
  let best = -Infinity;
  for (const p of sorted) if (p.score > best) { front.add(p.arch); best = p.score; }
  return front;
}

export function latencyParetoSpec(input: ReportInput, label: Labeler): VlSpec | undefined {
  const proxy = input.pareto?.proxy ?? input.scores[0]?.proxy;
  if (!proxy) return undefined;
  const ab = input.latencyAb ?? [];
  const batch = Math.min(...[...input.latency.map((l) => l.batch), ...ab.map((r) => r.batch)]);
  if (!Number.isFinite(batch)) return undefined;
  // Absolute latency is wall-clock time, as in latency.csv, for every point. With a side-by-side run the A/B rows
  // are on the verdict's clock (process CPU time for single-threaded engines, docs/ab-latency.md), so base's
  // points come from its wall-clock samples of the same interleaved rounds, not from those rows.
  const headMs = new Map(input.latency.filter((l) => l.batch === batch).map((l) => [l.arch, l.median_ms]));
  const rows = changeRows(input);
  const baseMs = ab.length
    ? new Map((input.latencySamples ?? []).filter((s) => s.side === 'base' && s.batch === batch && s.ms.length).map((s) => [s.arch, median(s.ms)]))
    : new Map(rows.filter((r) => r.kind === 'latency' && r.batch === batch && r.arch && r.base !== undefined).map((r) => [r.arch!, r.base!]));
  const baseScore = new Map(rows.filter((r) => r.kind === 'score' && r.proxy === proxy && r.arch && r.base !== undefined).map((r) => [r.arch!, r.base!]));
  const changed = new Set(rows.filter((r) => r.arch && r.verdict !== 'unchanged' && (r.kind === 'latency' || r.proxy === proxy)).map((r) => r.arch!));

  const head = input.scores
    .filter((s) => s.proxy === proxy && s.status === 'ok' && Number.isFinite(s.value) && headMs.has(s.arch))
    .map((s) => ({ arch: s.arch, latency: headMs.get(s.arch)!, score: s.value }));
  if (head.length === 0) return undefined;
  const front = input.pareto?.front?.length ? new Set(input.pareto.front) : frontOf(head);
  const base = head
    .map((h) => ({ arch: h.arch, latency: baseMs.get(h.arch) ?? h.latency, score: baseScore.get(h.arch) ?? h.score, h }))
    // Only archs with a verdict other than unchanged: with measured latency every base median differs a little from
    // head's, and a grey point beside each "same" arch would read as a move.
    .filter((b) => changed.has(b.arch) && (baseMs.has(b.arch) || baseScore.has(b.arch)) && Number.isFinite(b.score) && (b.latency !== b.h.latency || b.score !== b.h.score));

  // Series say "head" only beside a base; a lone run's points are just "Pareto front" and "other".
  const [onFront, offFront] = base.length ? ['head, Pareto front', 'head'] : ['Pareto front', 'other'];
  const points = [
    ...base.map((b) => ({ label: label(b.arch), latency: b.latency, score: b.score, series: 'base' })),
    ...head.map((h) => ({ label: label(h.arch), latency: h.latency, score: h.score, series: front.has(h.arch) ? onFront : offFront })),
  ];
  const moves = base.map((b) => ({ label: label(b.arch), x: b.latency, y: b.score, x2: b.h.latency, y2: b.h.score }));
  const texts = head
    .filter((h) => changed.has(h.arch) || front.has(h.arch))
    .sort((a, b) => Number(changed.has(b.arch)) - Number(changed.has(a.arch)))
    .slice(0, MAX_TEXT_LABELS)
    .map((h) => ({ label: label(h.arch), latency: h.latency, score: h.score }));

  const series = colourScale([onFront, offFront, 'base'].filter((s) => points.some((p) => p.series === s)), { [onFront]: '#e45756', [offFront]: '#4c78a8', base: '#9a9a9a' });
  const xScale = logOrLinear(points.map((p) => p.latency));
  const yScale = logOrLinear(points.map((p) => p.score));
  const x = { field: 'latency', type: 'quantitative', title: `median latency, batch ${batch} (ms, wall clock)`, scale: xScale };
  const y = { field: 'score', type: 'quantitative', title: `${proxy} score (higher is better)`, scale: yScale, axis: { format: '.3~s' } };
  const frontLine = head.filter((h) => front.has(h.arch)).sort((a, b) => a.latency - b.latency);
  return {
    ...BASE_SPEC,
    title: { text: CHART_TITLES['latency-pareto'], subtitle: `proxy ${proxy}, ${head.length} archs, ${frontLine.length} on the front${base.length ? `, ${base.length} moved since base` : ''}` },
    width: CHART_WIDTH,
    height: 320,
    layer: [
      { data: { values: frontLine }, mark: { type: 'line', interpolate: 'step-after', color: '#e45756', strokeWidth: 1.5, opacity: 0.7 },
        encoding: { x, y, order: { field: 'latency', type: 'quantitative' } } },
      ...(moves.length ? [{ data: { values: moves }, mark: { type: 'rule', color: '#9a9a9a', strokeDash: [3, 2] },
        encoding: { x: { ...x, field: 'x' }, y: { ...y, field: 'y' }, x2: { field: 'x2' }, y2: { field: 'y2' } } }] : []),
      { data: { values: points }, mark: { type: 'point', filled: true, size: 50, opacity: 0.9 },
        encoding: { x, y, color: { field: 'series', type: 'nominal', title: null, scale: series, legend: { orient: 'top' } },
          tooltip: [{ field: 'label', title: 'arch' }, { field: 'series' }, { field: 'latency', format: '.3f' }, { field: 'score', format: '.4~g' }] } },
      { data: { values: texts }, mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10, color: '#333' },
        encoding: { x, y, text: { field: 'label' } } },
    ],
  };
}
