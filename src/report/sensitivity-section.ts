// The sensitivity section (zsnas sweep): Markdown tables and Vega-Lite charts of how proxies react to the batch
// size and the weight init — their correlation with accuracy per setting, and the stability of their own ranking.
import { markdownTable } from 'markdown-table';
import type { Sensitivity, SweepFactor } from '../stats/sensitivity.js';
import type { VlSpec } from './charts.js';
import { codeSpan } from './escape.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const BASE = { $schema: SCHEMA, background: 'white', config: { font: 'DejaVu Sans, sans-serif', view: { stroke: '#ddd' } } };

const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const TITLE: Record<string, string> = { batch_size: 'Batch size', init: 'Weight init' };
const titleOf = (factor: string) => TITLE[factor] ?? factor;

export interface SensitivityMeta {
  /** e.g. "100 NAS-Bench-201 archs". */
  archs: string;
  /** e.g. "CIFAR-10 test accuracy (`c10_test_200e`)". */
  groundTruth: string;
}

/** The whole section: per factor, a correlation table and a rank-stability table. */
export function sensitivityMarkdown(s: Sensitivity, meta: SensitivityMeta): string {
  const parts = [
    `## Sensitivity to batch size and init\n`,
    `${meta.archs}; ground truth: ${meta.groundTruth}. Each factor is varied alone, the other kept at the spec's value. ` +
      `ρ = Spearman with accuracy [95% bootstrap CI], signed so that positive = the proxy ranks better archs higher. ` +
      `Rank stability = Kendall τ between the proxy's own rankings under two settings (1 = unchanged order).\n`,
  ];
  for (const factor of s.factors) parts.push(factorMarkdown(s, factor));
  return parts.join('\n');
}

function factorMarkdown(s: Sensitivity, factor: SweepFactor): string {
  const labels = factor.values.map((v) => v.label);
  const proxies = [...new Set(s.summary.filter((r) => r.factor === factor.name).map((r) => r.proxy))];
  const corr = (proxy: string, value: string) => s.correlations.find((c) => c.factor === factor.name && c.proxy === proxy && c.value === value);
  const tau = (proxy: string, value: string) => {
    if (value === factor.reference) return '1';
    const p = s.stability.find((r) => r.factor === factor.name && r.proxy === proxy &&
      ((r.a === value && r.b === factor.reference) || (r.b === value && r.a === factor.reference)));
    return p ? f(p.kendall) : 'n/a';
  };
  const header = (lead: string) => [lead, ...labels.map((l) => (l === factor.reference ? `**${l}**` : l))];
  const rhoTable = markdownTable([
    header('proxy'),
    ...proxies.map((p) => [p, ...labels.map((l) => {
      const c = corr(p, l);
      return c ? `${f(c.spearman)} [${f(c.spearmanCi[0], 2)}, ${f(c.spearmanCi[1], 2)}]` : 'n/a';
    })]),
  ], { align: ['l', ...labels.map(() => 'r' as const)] });
  const summary = new Map(s.summary.filter((r) => r.factor === factor.name).map((r) => [r.proxy, r]));
  const tauTable = markdownTable([
    [...header('proxy'), 'mean pairwise τ', 'ρ range'],
    ...proxies.map((p) => {
      const r = summary.get(p)!;
      return [p, ...labels.map((l) => tau(p, l)), f(r.meanPairwiseTau), `${f(r.spearmanMin)} … ${f(r.spearmanMax)}`];
    }),
  ], { align: ['l', ...labels.map(() => 'r' as const), 'r', 'r'] });
  return [
    `### ${titleOf(factor.name)}\n`,
    `Spearman ρ with accuracy per ${titleOf(factor.name).toLowerCase()} (reference in bold):\n`,
    rhoTable,
    `\nRank stability: Kendall τ of each setting's ranking with the reference's (**${factor.reference}**):\n`,
    tauTable,
    '',
  ].join('\n');
}

/** Chart ids and titles, one pair per factor. */
export function sensitivityCharts(s: Sensitivity): Array<{ id: string; title: string; spec: VlSpec }> {
  return s.factors.flatMap((factor) => {
    const t = titleOf(factor.name);
    return [
      { id: `sensitivity-${factor.name}-correlation`, title: `Spearman ρ with accuracy vs ${t.toLowerCase()}`, spec: correlationChart(s, factor) },
      { id: `sensitivity-${factor.name}-stability`, title: `Rank stability across ${t.toLowerCase()} (Kendall τ vs ${factor.reference})`, spec: stabilityChart(s, factor) },
    ];
  });
}

function correlationChart(s: Sensitivity, factor: SweepFactor): VlSpec {
  const labels = factor.values.map((v) => v.label);
  const numeric = labels.every((l) => /^\d+$/.test(l));
  const values = s.correlations.filter((c) => c.factor === factor.name && Number.isFinite(c.spearman)).map((c) => ({
    proxy: c.proxy, value: numeric ? Number(c.value) : c.value, rho: c.spearman, lo: c.spearmanCi[0], hi: c.spearmanCi[1], n: c.n,
  }));
  const x = numeric
    ? { field: 'value', type: 'quantitative', title: titleOf(factor.name), scale: { type: 'log', base: 2 }, axis: { values: labels.map(Number) } }
    : { field: 'value', type: 'nominal', title: titleOf(factor.name), sort: labels, axis: { labelAngle: -30 } };
  const color = { field: 'proxy', type: 'nominal', title: 'proxy', scale: { scheme: 'tableau20' } };
  return {
    ...BASE,
    title: `Spearman ρ with accuracy vs ${titleOf(factor.name).toLowerCase()} (95% bootstrap CI)`,
    width: 520, height: 300,
    data: { values },
    encoding: { x, color, ...(numeric ? {} : { xOffset: { field: 'proxy' } }) },
    layer: [
      { mark: numeric ? { type: 'line', point: true } : { type: 'point', filled: true }, encoding: {
        y: { field: 'rho', type: 'quantitative', title: 'Spearman ρ', scale: { domain: [-1, 1] } },
        tooltip: [{ field: 'proxy' }, { field: 'value', title: factor.name }, { field: 'rho', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }, { field: 'n' }],
      } },
      { mark: { type: 'rule', opacity: numeric ? 0.3 : 0.5 }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
  };
}

function stabilityChart(s: Sensitivity, factor: SweepFactor): VlSpec {
  const labels = factor.values.map((v) => v.label);
  const values: Array<Record<string, unknown>> = [];
  const proxies = [...new Set(s.summary.filter((r) => r.factor === factor.name).map((r) => r.proxy))];
  for (const proxy of proxies) {
    for (const label of labels) {
      const p = label === factor.reference ? { kendall: 1 } : s.stability.find((r) => r.factor === factor.name && r.proxy === proxy &&
        ((r.a === label && r.b === factor.reference) || (r.b === label && r.a === factor.reference)));
      if (p && Number.isFinite(p.kendall)) values.push({ proxy, value: label, tau: p.kendall });
    }
  }
  return {
    ...BASE,
    title: `Kendall τ of each proxy's ranking with its ranking at ${factor.name} = ${factor.reference}`,
    data: { values },
    width: { step: 52 }, height: { step: 20 },
    encoding: {
      x: { field: 'value', type: 'ordinal', title: titleOf(factor.name), sort: labels, axis: { labelAngle: -30 } },
      y: { field: 'proxy', type: 'nominal', title: null },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'tau', type: 'quantitative', title: 'τ', scale: { domain: [-1, 1], scheme: 'redblue' } },
        tooltip: [{ field: 'proxy' }, { field: 'value', title: factor.name }, { field: 'tau', format: '.3f' }] } },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'tau', format: '.2f' },
        color: { condition: { test: 'abs(datum.tau) > 0.6', value: 'white' }, value: 'black' } } },
    ],
  };
}

/**
 * The PR report's form (report/sections.ts TableSection, declared structurally to keep the import one-way):
 * per factor one collapsed table, cells "ρ (τ vs reference)".
 */
export function sensitivitySections(s: Sensitivity | undefined): Array<{
  id: 'sensitivity'; title: string; collapsed: boolean; header: string[]; align: Array<'l' | 'r'>; rows: string[][]; intro: string;
}> {
  if (!s) return [];
  return s.factors.map((factor) => {
    const labels = factor.values.map((v) => v.label);
    const proxies = [...new Set(s.summary.filter((r) => r.factor === factor.name).map((r) => r.proxy))];
    const cellOf = (proxy: string, label: string) => {
      const c = s.correlations.find((x) => x.factor === factor.name && x.proxy === proxy && x.value === label);
      const t = label === factor.reference ? 1 : s.stability.find((r) => r.factor === factor.name && r.proxy === proxy &&
        ((r.a === label && r.b === factor.reference) || (r.b === label && r.a === factor.reference)))?.kendall ?? NaN;
      return `${f(c?.spearman ?? NaN)} (τ ${f(t, 2)})`;
    };
    return {
      id: 'sensitivity' as const,
      title: `Sensitivity to ${titleOf(factor.name).toLowerCase()} (${labels.length} settings)`,
      collapsed: true,
      intro: `Spearman ρ with accuracy per setting; τ = Kendall τ of the proxy's own ranking with its ranking at ${factor.name} = ${factor.reference}.`,
      header: ['proxy', ...labels.map((l) => codeSpan(l, { inTable: true }))],
      align: ['l', ...labels.map(() => 'r' as const)],
      rows: proxies.map((p) => [codeSpan(p, { inTable: true }), ...labels.map((l) => cellOf(p, l))]),
    };
  });
}
