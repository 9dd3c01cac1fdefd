// Markdown tables of the hardware-aware comparison: measured-vs-device agreement, mean Pareto gaps, and the
// per-budget detail of each cost. Numbers go through fmtNum so NaN reads as NaN, never as a misleading 0.
import { markdownTable } from 'markdown-table';
import { cell, fmtNum } from '../report/format.js';
import type { AgreementRow } from './agreement.js';
import { meanGaps, type CostSweep } from './pareto-report.js';

const fmt = (x: number, sig = 3) => fmtNum(x, sig);

/** One row per device; per measure a Spearman rho and a Kendall tau column. n is shared when all measures agree. */
export function agreementMarkdown(rows: readonly AgreementRow[]): string {
  const measures = [...new Set(rows.map((r) => r.measure))];
  const devices = [...new Set(rows.map((r) => r.device))];
  const header = ['device', 'n', ...measures.flatMap((m) => [`ρ ${m}`, `τ ${m}`])];
  const body = devices.map((d) => {
    const mine = measures.map((m) => rows.find((r) => r.measure === m && r.device === d));
    const ns = [...new Set(mine.map((r) => (r ? String(r.n) : '–')))];
    return [cell(d), ns.join(' / '), ...mine.flatMap((r) => (r ? [fmt(r.spearman), fmt(r.kendall)] : ['–', '–']))];
  });
  return markdownTable([header, ...body], { align: ['l', 'r', ...header.slice(2).map(() => 'r' as const)] });
}

/** Rows proxies, columns costs: the mean gap (accuracy points below the best arch within budget) over the sweep. */
export function meanGapMarkdown(report: readonly CostSweep[]): string {
  const costs = report.map((c) => c.cost);
  const gaps = meanGaps(report);
  const body = [...gaps].map(([proxy, byCost]) => [cell(proxy), ...costs.map((c) => fmt(byCost.get(c) ?? NaN))]);
  return markdownTable([['proxy', ...costs.map(cell)], ...body], { align: ['l', ...costs.map(() => 'r' as const)] });
}

/** One cost's sweep: per budget the feasible count, the best accuracy, and each proxy's pick accuracy and gap. */
export function budgetDetailMarkdown(sweep: CostSweep): string {
  const proxies = sweep.sweeps.map((s) => s.proxy);
  const header = ['budget', 'feasible', 'best acc', ...proxies.map((p) => `${cell(p)} acc (gap)`)];
  const body = sweep.budgets.map((budget, j) => {
    const first = sweep.sweeps[0]?.picks[j];
    return [
      fmt(budget, 4), String(first?.nFeasible ?? '–'), fmt(first?.bestAccuracy ?? NaN, 4),
      ...sweep.sweeps.map((s) => `${fmt(s.picks[j].pickAccuracy, 4)} (${fmt(s.picks[j].gap)})`),
    ];
  });
  const mean = ['mean gap', '', '', ...sweep.sweeps.map((s) => fmt(s.meanGap))];
  return markdownTable([header, ...body, mean], { align: ['r', 'r', 'r', ...proxies.map(() => 'r' as const)] });
}

/** The whole Pareto-gap section: the summary, then one detail table per cost. */
export function paretoGapMarkdown(report: readonly CostSweep[]): string {
  const parts = [
    'Mean gap (accuracy points, lower is better) between each proxy\'s pick and the most accurate arch within budget,',
    'over budgets at the cost quantiles:',
    '',
    meanGapMarkdown(report),
  ];
  for (const c of report) {
    parts.push('', `### ${c.cost} (${c.nArchs} archs, ${c.budgets.length} budgets, ${c.front.length} on the front)`, '',
      budgetDetailMarkdown(c));
  }
  return parts.join('\n') + '\n';
}

export interface HwAwareMeta {
  name: string;
  dataset: string;
  accuracyColumn: string;
  nArchs: number;
  latencyBatch: number | null;
  /** Seconds the run took (scores + latency), from run.json. */
  runSeconds: number;
  fingerprint?: { cpuModel: string; cores: number; os: string; node: string; tfjs: string; backend: string; threads: number; latencyEngine?: string };
}

export function fingerprintLine(f: HwAwareMeta['fingerprint']): string {
  if (!f) return 'unknown machine';
  const threads = `${f.threads} thread${f.threads === 1 ? '' : 's'}`;
  const timedBy = f.latencyEngine ? `latency by ${f.latencyEngine} (${threads})` : `tfjs ${f.tfjs} (${f.backend}, ${threads})`;
  return `${f.cpuModel}, ${f.cores} cores, ${f.os}, Node ${f.node}, ${timedBy}`;
}

/** The agreement section with its header line. */
export function agreementSection(meta: HwAwareMeta, rows: readonly AgreementRow[]): string {
  const lat = meta.latencyBatch === null
    ? 'No latency was measured in this run; only FLOPs is compared.'
    : `Our latency: median of batch-${meta.latencyBatch} inference on ${fingerprintLine(meta.fingerprint)}; ` +
      '`latency_norm` divides it by the reference workload timed in the same rounds.';
  return [
    `Rank agreement (Spearman ρ, Kendall τ-b) between our costs and HW-NAS-Bench's per-device latency over ` +
      `${meta.nArchs} ${meta.dataset} archs. ${lat} Archs a device did not measure are dropped (n).`,
    '',
    agreementMarkdown(rows),
  ].join('\n') + '\n';
}

/** hw-aware.md: a short header, then both sections. */
export function hwAwareDocument(meta: HwAwareMeta, agreement: readonly AgreementRow[], gaps: readonly CostSweep[]): string {
  return [
    `# Hardware-aware comparison: ${meta.name}`,
    '',
    `${meta.nArchs} NB201 archs, ${meta.dataset}, ground truth \`${meta.accuracyColumn}\`; run took ${fmtNum(meta.runSeconds, 3)} s ` +
      `on ${fingerprintLine(meta.fingerprint)}.`,
    '',
    '## Measured latency vs HW-NAS-Bench devices',
    '',
    agreementSection(meta, agreement),
    '## Pareto gap under cost budgets',
    '',
    paretoGapMarkdown(gaps),
  ].join('\n');
}
