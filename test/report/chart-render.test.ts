// Each chart renders to a non-empty SVG and an 800 px wide PNG with visible marks and drawn text (fonts found).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChart, PNG_WIDTH } from '../../src/report/render.js';
import { buildCharts, correlationSpec } from '../../src/report/charts.js';
import { fixtureInput } from './fixture.js';
import { decodePng, darkPixels } from '../helpers/png.js';

test('every chart of a full input renders to SVG and an 800 px PNG with non-white pixels', async () => {
  const charts = buildCharts(fixtureInput());
  assert.deepEqual(Object.keys(charts).sort(), ['change', 'correlation', 'latency-ab', 'latency-distribution', 'latency-pareto', 'proxy-vs-accuracy']);
  for (const [name, spec] of Object.entries(charts)) {
    const { svg, png } = await renderChart(spec);
    assert.match(svg, /^<svg[^>]+width="[\d.]+"/, `${name}: SVG`);
    assert.ok(svg.includes('<text'), `${name}: SVG has text`);
    const img = decodePng(png);
    assert.equal(img.width, PNG_WIDTH, `${name}: width`);
    const svgW = Number(/width="([\d.]+)"/.exec(svg)![1]);
    const svgH = Number(/height="([\d.]+)"/.exec(svg)![1]);
    assert.ok(Math.abs(img.height - (svgH * PNG_WIDTH) / svgW) <= 1, `${name}: height ${img.height} keeps the aspect ratio`);
    assert.ok(darkPixels(img, 0, 0, img.width, img.height) > 500, `${name}: has dark pixels`);
  }
});

test('the title text is actually drawn (resvg found a font)', async () => {
  const { png } = await renderChart(correlationSpec(fixtureInput())!);
  const img = decodePng(png);
  // The title sits centred in the top ~25 px; with no font resvg leaves that band white.
  assert.ok(darkPixels(img, 150, 0, 650, 25) > 200, 'title band has text pixels');
});
