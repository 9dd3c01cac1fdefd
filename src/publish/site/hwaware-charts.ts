// Vega-Lite charts of a hw-aware.json (zsnas hw-aware): how our measured costs rank archs against each HW-NAS-Bench
// device, and each proxy's mean Pareto gap per cost.
import type { VlSpec } from '../../report/charts.js';

export interface HwAwareJson {
  name?: string;
  agreement?: Array<{ measure: string; device: string; n: number; spearman: number | null; kendall: number | null }>;
  meanGaps?: Record<string, Record<string, number | null>>;
}

const BASE = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', background: 'white' };

export function agreementSpec(hw: HwAwareJson): VlSpec | undefined {
  const values = (hw.agreement ?? []).filter((a) => typeof a.spearman === 'number' && Number.isFinite(a.spearman))
    .map((a) => ({ device: a.device.replace(/^c10_|_latency$/g, ''), column: a.device, measure: a.measure, rho: a.spearman, n: a.n }));
  if (values.length === 0) return undefined;
  return {
    ...BASE,
    title: { text: 'Measured cost vs HW-NAS-Bench devices', subtitle: 'Spearman ρ between our measure and each device’s latency' },
    width: { step: 22 },
    height: 240,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'device', type: 'nominal', title: 'device', axis: { labelAngle: -30 } },
      xOffset: { field: 'measure' },
      y: { field: 'rho', type: 'quantitative', title: 'Spearman ρ', scale: { domain: [Math.min(0, ...values.map((v) => v.rho as number)), 1] } },
      color: { field: 'measure', type: 'nominal', title: 'our measure', legend: { orient: 'top' } },
      tooltip: [{ field: 'column', title: 'device' }, { field: 'measure' }, { field: 'rho', format: '.3f' }, { field: 'n' }],
    },
  };
}

export function meanGapSpec(hw: HwAwareJson): VlSpec | undefined {
  const values = Object.entries(hw.meanGaps ?? {}).flatMap(([proxy, byCost]) =>
    Object.entries(byCost).flatMap(([cost, gap]) => (typeof gap === 'number' && Number.isFinite(gap) ? [{ proxy, cost: cost.replace(/^c10_|_latency$/g, ''), column: cost, gap }] : [])));
  if (values.length === 0) return undefined;
  const x = { field: 'cost', type: 'nominal', title: 'cost the budget is on', axis: { labelAngle: -30 }, sort: null };
  const y = { field: 'proxy', type: 'nominal', title: 'proxy', sort: null };
  return {
    ...BASE,
    title: { text: 'Pareto gap under cost budgets', subtitle: 'mean accuracy points below the best arch within budget (lower is better)' },
    width: { step: 70 },
    height: { step: 28 },
    data: { values },
    encoding: { x, y },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: { field: 'gap', type: 'quantitative', title: 'mean gap', scale: { scheme: 'orangered', type: 'sqrt' } },
          tooltip: [{ field: 'proxy' }, { field: 'column', title: 'cost' }, { field: 'gap', format: '.2f' }],
        },
      },
      { mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'gap', format: '.2f' } } },
    ],
  };
}
