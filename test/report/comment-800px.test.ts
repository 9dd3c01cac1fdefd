// The comment in Chromium at 800 px, styled with GitHub's Markdown CSS: no sideways scroll on the page, and the
// Changed table shows Arch, Metric, Base, Head, Δ and Verdict whole inside the column, for the PR-check spec and a
// model repository. Skips with a message when Chromium is missing, except under CI=true where that is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/render.js';
import { Browser, chromiumMissing } from '../site/chromium.js';
import { decodePng } from '../helpers/png.js';
import { COMMENT_WIDTH, commentPage, shootComment } from './comment-page.js';
import { modelRepoInput, prCheckInput } from './demo-fixtures.js';

const missing = chromiumMissing();
const ci = process.env.CI === 'true';

test('at 800 px every changed row shows Base, Head, Δ and Verdict without sideways scroll', { skip: !ci && missing, timeout: 240000 }, async () => {
  if (missing) assert.fail(`${missing}; it must exist under CI=true`);
  const work = mkdtempSync(join(tmpdir(), 'zsnas-800-'));
  const browser = await Browser.launch();
  try {
    for (const [name, input] of [['pr-check', prCheckInput()], ['model-repo', modelRepoInput()]] as const) {
      const written = await writeReport(join(work, name), input);
      const links = Object.fromEntries(written.charts.map((c) => [c.name, `./${c.name}.png`]));
      const page = join(written.reportDir, 'comment.html');
      writeFileSync(page, commentPage(buildMarkdown({ ...input, chartLinks: links }), name));
      const shot = await shootComment(browser, pathToFileURL(page).href);
      assert.deepEqual(shot.errors, [], `${name}: page errors`);
      assert.ok(shot.pageScrollWidth <= COMMENT_WIDTH, `${name}: page is ${shot.pageScrollWidth} px wide`);
      const changed = shot.tables.find((t) => t.headers.join('|') === 'Arch|Metric|Base|Head|Δ (95% CI)|Verdict');
      assert.ok(changed, `${name}: the Changed table is open`);
      assert.ok(changed.scrollWidth <= changed.clientWidth, `${name}: table needs ${changed.scrollWidth} px, has ${changed.clientWidth}`);
      assert.ok(Math.max(...changed.headerRight) <= COMMENT_WIDTH, `${name}: Verdict column ends at ${Math.max(...changed.headerRight)} px`);
      assert.equal(decodePng(shot.screenshot).width, COMMENT_WIDTH);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
});
