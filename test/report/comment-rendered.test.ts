// The comment as GitHub renders it (GFM tree): labels and code spans whole, every table row as wide as its header,
// units on Base and Head, the legend maps each label to its full arch string, only our own HTML, links and images,
// and every image points at a chart file that was written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMarkdown } from '../../src/report/markdown.js';
import { writeReport } from '../../src/report/render.js';
import { labelArchs, reportArchs } from '../../src/report/labels.js';
import { allNodes, nodesOfType, parseGfm, shownText, type MdNode } from './gfm.js';
import { modelRepoInput, prCheckInput, PR_CHECK_ARCHS } from './demo-fixtures.js';
import { fixtureInput } from './fixture.js';

const OUR_HTML = /^(<!-- zsnas:[\w.-]+ -->|<details><summary>[^<>]*<\/summary>|<\/details>|<\/?sub>)$/;

function tables(tree: MdNode) {
  return nodesOfType(tree, 'table').map((t) => t.children!.map((row) => row.children!));
}

/** The open "Changed" table: the first table after the "Changed" heading. */
function changedTable(tree: MdNode): MdNode[][] {
  const kids = tree.children!;
  const h = kids.findIndex((n) => n.type === 'heading' && shownText(n) === 'Changed');
  assert.ok(h >= 0, 'has a Changed heading');
  const table = kids.slice(h).find((n) => n.type === 'table')!;
  return table.children!.map((row) => row.children!);
}

for (const [name, make, expectCodes] of [['PR-check', prCheckInput, 4], ['model repository', modelRepoInput, 14]] as const) {
  test(`${name}: rendered structure`, () => {
    const input = make();
    const md = buildMarkdown(input);
    const tree = parseGfm(md);
    for (const t of tables(tree)) for (const row of t) assert.equal(row.length, t[0]!.length, 'row as wide as its header');
    assert.deepEqual(nodesOfType(tree, 'html').map((n) => n.value).filter((v) => !OUR_HTML.test(v ?? '')), [], 'no foreign HTML');
    assert.equal(nodesOfType(tree, 'delete').length, 0, 'no strikethrough');
    const urls = nodesOfType(tree, 'link').map((l) => l.url);
    assert.deepEqual(urls.filter((u) => u !== input.runUrl && u !== input.artifactUrl), [], 'only our links');

    const changed = changedTable(tree);
    assert.deepEqual(changed[0]!.map(shownText), ['Arch', 'Metric', 'Base', 'Head', 'Δ (95% CI)', 'Verdict']);
    const body = changed.slice(1);
    assert.equal(body.map((r) => r.flatMap((c) => nodesOfType(c, 'inlineCode'))).flat().length, expectCodes, 'code spans in the changed table');
    const labels = labelArchs(reportArchs(input));
    for (const row of body) {
      const [arch, metric, base, head, , verdict] = row.map(shownText);
      assert.ok([...labels.values()].includes(arch!), `label ${arch} is defined`);
      assert.equal(nodesOfType(row[0]!, 'inlineCode').length, 1);
      if (metric === 'latency') {
        assert.match(base!, /^[\d.]+ ms$/);
        assert.match(head!, /^[\d.]+ ms$/);
      }
      assert.match(verdict!, /^(❌|✅|❔|⚠️) \w+$/);
    }
    // The legend maps each shortened label to the full key, whole, in code spans.
    const legend = nodesOfType(tree, 'listItem').map((li) => nodesOfType(li, 'inlineCode').map((c) => c.value)).filter((c) => c.length === 2);
    for (const [arch, label] of labels) if (arch !== label) assert.ok(legend.some(([l, a]) => l === label && a === arch), `legend has ${label} = ${arch}`);
  });
}

test('PR-check: every NB201 arch string survives whole in the legend (no ~ strikethrough, no | cell split)', () => {
  const codes = nodesOfType(parseGfm(buildMarkdown(prCheckInput())), 'inlineCode').map((c) => c.value);
  for (const arch of PR_CHECK_ARCHS) assert.ok(codes.includes(arch), arch);
});

test('every image of the written report resolves to a chart file that was written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-rendered-'));
  const out = await writeReport(dir, modelRepoInput());
  const images = nodesOfType(parseGfm(readFileSync(out.markdownPath, 'utf8')), 'image');
  assert.deepEqual(images.map((i) => i.url), ['./change.png', './latency-ab.png', './latency-pareto.png']);
  for (const i of images) assert.ok(existsSync(join(out.reportDir, i.url!)), i.url);
});

test('the comment names only charts that exist, and links those that were pushed', () => {
  const input = { ...fixtureInput(), correlations: [], accuracy: undefined, latencySamples: undefined };
  input.chartLinks = { change: 'https://github.com/o/r/blob/zsnas-assets/pr-1/x/change.png?raw=true' };
  const tree = parseGfm(buildMarkdown(input));
  assert.deepEqual(nodesOfType(tree, 'image').map((i) => i.url), [input.chartLinks.change]);
  const para = allNodes(tree).find((n) => n.type === 'paragraph' && shownText(n).startsWith('📊'));
  assert.equal(shownText(para!), '📊 More charts: Latency per arch: base vs head · Latency vs proxy score, with the Pareto front · Latency samples per arch (PNG, SVG and Vega-Lite JSON in the results artifact under report/).');
});
