// The built site in a real browser (headless Chromium): every page loads without console errors or failed requests,
// every chart is drawn with a non-zero size, the screenshot is not blank, and every internal link answers 200.
// Skips with a message when Chromium is missing, except under CI=true where that is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/publish/site/build.js';
import { Browser, chromiumMissing, visit } from './chromium.js';
import { serveSite } from './serve-site.js';
import { decodePng, inkShare } from '../helpers/png.js';
import { writeFixtureReports } from './fixture.js';

const missing = chromiumMissing();
const ci = process.env.CI === 'true';

/** Truthy (a JSON report) once every chart holds its drawn <svg>/<canvas>; charts are vega-embed's `.marks`. */
const PROBE = `(() => {
  const charts = [...document.querySelectorAll('.chart')].map((c) => {
    const g = c.querySelector('svg.marks, canvas.marks');
    const r = g ? g.getBoundingClientRect() : { width: 0, height: 0, right: 0 };
    return { id: c.id, tag: g ? g.tagName.toLowerCase() : null, width: r.width, height: r.height, right: r.right };
  });
  if (!charts.every((c) => c.tag && c.width > 0 && c.height > 0)) return false;
  const links = [...document.querySelectorAll('a[href]')].map((a) => ({ raw: a.getAttribute('href'), url: a.href }));
  return JSON.stringify({ charts, links, pageWidth: document.documentElement.scrollWidth });
})()`;

interface Probe { charts: Array<{ id: string; tag: string; width: number; height: number; right: number }>; links: Array<{ raw: string; url: string }>; pageWidth: number }

test('every page renders its charts in Chromium with no errors, and every internal link answers 200', { skip: !ci && missing, timeout: 240000 }, async () => {
  if (missing) assert.fail(`${missing}; it must exist under CI=true`);
  const reports = await writeFixtureReports();
  const work = mkdtempSync(join(tmpdir(), 'zsnas-site-browser-'));
  const site = buildSite({ reportsDir: reports, outDir: join(work, 'site') });
  const server = await serveSite(site.outDir);
  const browser = await Browser.launch();
  const shots = process.env.ZSNAS_SCREENSHOT_DIR;
  try {
    const pages = [{ path: 'index.html', charts: 2 }, ...site.entries.map((e) => ({ path: `${e.slug}/index.html`, charts: e.charts.length }))];
    const internal = new Set<string>();
    for (const p of pages) {
      const v = await visit(browser, `${server.url}/${p.path}`, PROBE);
      assert.deepEqual(v.errors, [], `${p.path}: console errors or failed requests`);
      assert.ok(v.probe, `${p.path}: not every chart was drawn within 15 s`);
      const { charts, links, pageWidth } = JSON.parse(v.probe as string) as Probe;
      assert.ok(pageWidth <= 1280, `${p.path}: page is ${pageWidth} px wide at 1280 px (sideways scroll)`);
      assert.equal(charts.length, p.charts, `${p.path}: chart containers`);
      assert.ok(p.charts > 0, `${p.path}: the fixture gives every page a chart`);
      for (const c of charts) {
        assert.ok(c.width > 10 && c.height > 10, `${p.path} ${c.id}: ${c.tag} ${c.width}x${c.height}`);
        assert.ok(c.right <= 1280, `${p.path} ${c.id}: chart ends at ${c.right} px, past 1280 px`);
      }

      const img = decodePng(v.screenshot);
      assert.equal(img.width, 1280);
      const ink = inkShare(img);
      assert.ok(ink > 0.01 && ink < 0.9, `${p.path}: screenshot ink share ${ink.toFixed(4)} (blank or solid)`);
      if (shots) {
        mkdirSync(shots, { recursive: true });
        writeFileSync(join(shots, `${p.path.replace(/\W+/g, '_')}.png`), v.screenshot);
      }
      for (const l of links) {
        assert.doesNotMatch(l.raw, /^\//, `${p.path}: link ${l.raw} is root-absolute (breaks under /REPO/ on Pages)`);
        if (l.url.startsWith(server.url)) internal.add(l.url.split('#')[0]!);
      }
    }
    assert.ok(internal.size >= pages.length + 4, `internal links found: ${internal.size}`);
    for (const url of internal) {
      const res = await fetch(url);
      await res.arrayBuffer();
      assert.equal(res.status, 200, `${url}`);
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(reports, { recursive: true, force: true });
  }
});
