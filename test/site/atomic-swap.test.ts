// The site is built beside the target and swapped in: a rebuild replaces the old site whole (no stale pages, no temp
// folders left), and a failed build leaves the previous site untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/publish/site/build.js';

test('rebuild swaps the whole folder; a failed build keeps the old site', () => {
  const work = mkdtempSync(join(tmpdir(), 'zsnas-site-swap-'));
  const out = join(work, 'site');
  try {
    mkdirSync(join(out, 'gone'), { recursive: true });
    writeFileSync(join(out, 'gone', 'index.html'), 'stale');
    const reports = join(work, 'reports');
    mkdirSync(join(reports, 'baselines'), { recursive: true });
    writeFileSync(join(reports, 'baselines', 'broken.json'), '{ not json');

    const res = buildSite({ reportsDir: reports, outDir: out });
    assert.deepEqual(res.entries.map((e) => [e.slug, e.problems.length]), [['baseline-broken', 1]], 'an unreadable baseline is listed with its problem');
    assert.ok(!existsSync(join(out, 'gone')), 'pages of the previous build are gone');
    assert.match(readFileSync(join(out, 'baseline-broken', 'index.html'), 'utf8'), /broken\.json:1:\d+: invalid JSON/);
    assert.deepEqual(readdirSync(work).sort(), ['reports', 'site']);

    const before = readFileSync(join(out, 'index.html'), 'utf8');
    assert.throws(() => buildSite({ reportsDir: join(work, 'missing'), outDir: out }), /--reports: .*missing does not exist/);
    writeFileSync(join(reports, 'history.jsonl'), '{"commit":"abc1234"\n');
    assert.throws(() => buildSite({ reportsDir: reports, outDir: out }), /history\.jsonl:1: not a JSON line/);
    assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), before);
    assert.deepEqual(readdirSync(work).sort(), ['reports', 'site'], 'no temp folder left behind');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
