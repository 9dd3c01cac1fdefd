// The index lists every baseline and report folder of the reports dir, each linking to a page that exists, with its
// data file copied beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/publish/site/build.js';
import { FIXTURE_SLUGS, writeFixtureReports } from './fixture.js';

test('index.html has one row per experiment and run, each with a page and its data', async () => {
  const reports = await writeFixtureReports();
  const out = join(mkdtempSync(join(tmpdir(), 'zsnas-site-')), 'site');
  try {
    const res = buildSite({ reportsDir: reports, outDir: out });
    assert.deepEqual(res.entries.map((e) => e.slug), FIXTURE_SLUGS);
    assert.deepEqual(res.entries.map((e) => e.kind), ['baseline', 'hw-aware', 'correlations', 'report']);
    assert.deepEqual(res.entries.map((e) => e.title), ['pr-check', 'nb201-hw-aware', 'nb201-cifar10', 'pr-check']);
    assert.equal(res.historyEntries, 2);

    const index = readFileSync(join(out, 'index.html'), 'utf8');
    const rows = [...index.matchAll(/<tr><td><a href="([^"]+)\/index\.html">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(rows, [['baseline-pr-check', 'pr-check'], ['hw-aware', 'nb201-hw-aware'], ['nb201-cifar10', 'nb201-cifar10'], ['pr-check', 'pr-check']]);
    assert.match(index, /2025-02-03 04:05 UTC/, 'the correlate run shows its run.json date');

    const dataLinks = [...index.matchAll(/<a href="([^"]+\/files\/[^"]+)">/g)].map((m) => m[1]!);
    assert.deepEqual(dataLinks, [
      'baseline-pr-check/files/pr-check.json', 'hw-aware/files/hw-aware.json', 'nb201-cifar10/files/correlations.json', 'pr-check/files/report/input.json',
    ]);
    for (const link of dataLinks) assert.ok(existsSync(join(out, link)), `${link} is copied`);
    for (const slug of FIXTURE_SLUGS) assert.ok(existsSync(join(out, slug, 'index.html')), `${slug}/index.html exists`);
    // Links are relative: Pages serves a project site under /REPO/.
    assert.doesNotMatch(index, /(href|src)="\//);
    for (const f of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'site.js', 'site.css']) assert.ok(existsSync(join(out, 'assets', f)), f);
  } finally {
    rmSync(reports, { recursive: true, force: true });
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
});
