// A PR report's page reads like its comment: headline and the Changed table first, then the interactive charts;
// other pages (a baseline) keep their charts first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/publish/site/build.js';
import { writeFixtureReports } from './fixture.js';

test('report page: verdict and Changed table before the charts', async () => {
  const reports = await writeFixtureReports();
  const work = mkdtempSync(join(tmpdir(), 'zsnas-site-order-'));
  try {
    const site = buildSite({ reportsDir: reports, outDir: join(work, 'site') });
    const html = readFileSync(join(site.outDir, 'pr-check', 'index.html'), 'utf8');
    const verdict = html.indexOf('regressions');
    const changed = html.indexOf('>Changed</h');
    const charts = html.indexOf('<h2>Charts</h2>');
    assert.ok(verdict > 0 && changed > verdict && charts > changed, `verdict ${verdict}, Changed ${changed}, Charts ${charts}`);
    // The baseline page keeps charts first (it has no verdict).
    const base = readFileSync(join(site.outDir, 'baseline-pr-check', 'index.html'), 'utf8');
    assert.ok(base.indexOf('<h2>Charts</h2>') < base.indexOf('<section class="markdown">'));
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(reports, { recursive: true, force: true });
  }
});
