// Regenerates the README's pictures of the PR comment: the PR-check spec (NB201) and a model repository
// (6 models × 5 proxies), rendered as GitHub renders a comment and photographed in headless Chromium at 800 px.
//   node --import tsx scripts/report-screenshots.ts [OUT_DIR] [NAME=RESULTS_DIR ...]
// OUT_DIR defaults to docs/screenshots; each NAME=RESULTS_DIR adds the report of a real run (RESULTS_DIR/report/input.json,
// written by `zsnas compare`). Needs Chromium.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../src/report/render.js';
import { buildMarkdown } from '../src/report/markdown.js';
import { deserializeInput, type ReportInput } from '../src/report/types.js';
import { Browser, chromiumMissing } from '../test/site/chromium.js';
import { commentPage, shootComment, COMMENT_WIDTH } from '../test/report/comment-page.js';
import { modelRepoInput, prCheckInput } from '../test/report/demo-fixtures.js';

const [outArg, ...runs] = process.argv.slice(2);
const out = resolve(outArg ?? 'docs/screenshots');
const realRuns: Array<[string, ReportInput]> = runs.map((arg) => {
  const [name, dir] = arg.split('=');
  if (!name || !dir) throw new Error(`expected NAME=RESULTS_DIR, got "${arg}"`);
  return [name, deserializeInput(JSON.parse(readFileSync(join(dir, 'report', 'input.json'), 'utf8')))];
});
const missing = chromiumMissing();
if (missing) {
  process.stderr.write(`${missing}\n`);
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'zsnas-shots-'));
const browser = await Browser.launch();
try {
  for (const [name, input] of [['pr-comment-pr-check', prCheckInput()], ['pr-comment-model-repo', modelRepoInput()], ...realRuns] as Array<[string, ReportInput]>) {
    const written = await writeReport(join(work, name), input);
    // Chart links as the comment would carry them after the push, here pointing at the files beside the page.
    const links = Object.fromEntries(written.charts.filter((c) => c.pngPath).map((c) => [c.name, `./${c.name}.png`]));
    const md = buildMarkdown({ ...input, chartLinks: links });
    const page = join(written.reportDir, 'comment.html');
    writeFileSync(page, commentPage(md, name));
    const shot = await shootComment(browser, pathToFileURL(page).href);
    writeFileSync(join(out, `${name}.png`), shot.screenshot);
    const changed = shot.tables.find((t) => t.headers[0] === 'Arch' && t.headers[2] === 'Base');
    process.stdout.write(`${name}.png: page ${shot.pageScrollWidth} px wide at ${COMMENT_WIDTH} px; changed table ${changed?.scrollWidth} of ${changed?.clientWidth} px, ` +
      `rightmost header edge ${Math.max(...(changed?.headerRight ?? [0]))} px; ${shot.errors.length} page errors\n`);
  }
} finally {
  await browser.close();
}
