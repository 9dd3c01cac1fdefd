// Charts are drawn near their design size in the 800 px PNG (natural width 560–820 px, so text is not shrunk) and
// are never thin strips (at least 200 px tall at 800 px); with 19 proxies the correlation chart has one readable row per proxy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCharts } from '../../src/report/charts.js';
import { renderSvg } from '../../src/report/render.js';
import type { CorrelationSummary } from '../../src/compare/types.js';
import type { ReportInput } from '../../src/report/types.js';
import { fixtureInput } from './fixture.js';
import { modelRepoInput, prCheckInput } from './demo-fixtures.js';

const PROXIES_19 = ['synflow', 'naswot', 'zen', 'zico', 'grad_norm', 'snip', 'grasp', 'fisher', 'jacob_cov', 'ntk', 'knas', 'epe_nas', 'grad_sign',
  'l2_norm', 'linear_regions', 'nn_mass', 'params', 'flops', 'plain'];

function nineteenProxies(): ReportInput {
  const input = fixtureInput();
  input.correlations = PROXIES_19.map((proxy, i): CorrelationSummary => {
    const rho = 0.85 - i * 0.045;
    return { proxy, n: 1000, spearman: rho, kendall: rho * 0.7, spearmanCi: [rho - 0.03, rho + 0.03], kendallCi: [rho * 0.68, rho * 0.72],
      spearmanTop: rho / 2, kendallTop: rho / 3, bestPickAccuracy: 93, bestAccuracy: 94.4, published: i % 3 === 0 ? rho + 0.02 : undefined };
  });
  return input;
}

function size(svg: string): { w: number; h: number } {
  return { w: Number(/width="([\d.]+)"/.exec(svg)![1]), h: Number(/height="([\d.]+)"/.exec(svg)![1]) };
}

test('every chart has a natural width of 560–820 px and is no thin strip', async () => {
  for (const [name, input] of [['fixture', fixtureInput()], ['pr-check', prCheckInput()], ['model-repo', modelRepoInput()], ['19 proxies', nineteenProxies()]] as const) {
    for (const [chart, spec] of Object.entries(buildCharts(input))) {
      const { w, h } = size(await renderSvg(spec));
      assert.ok(w >= 560 && w <= 820, `${name} ${chart}: natural width ${w}`);
      assert.ok((h / w) * 800 >= 200, `${name} ${chart}: ${w}×${h} is a strip at 800 px`);
    }
  }
});

test('19 proxies: one row per proxy, each named, at least 20 px apart', async () => {
  const svg = await renderSvg(buildCharts(nineteenProxies()).correlation!);
  for (const p of PROXIES_19) assert.ok(svg.includes(`>${p}</text>`), `${p} is labelled`);
  const { h } = size(svg);
  assert.ok(h >= 19 * 20, `height ${h}`);
  // The legend names the series present (no base in this input): this run and published.
  assert.ok(svg.includes('>this run</text>') && svg.includes('>published</text>') && !svg.includes('>base</text>'));
});
