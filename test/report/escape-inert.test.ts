// Run-derived text, escaped, renders as exactly itself: one text run or one code span, never a link, image, raw HTML,
// emphasis, strikethrough, mention or a broken table cell (checked on the GFM tree, for arbitrary strings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeSpan, codeSpanShows, mdText, mdTextShows } from '../../src/report/escape.js';
import { ACTIVE_TYPES, allNodes, nodesOfType, parseGfm, shownText, type MdNode } from './gfm.js';

/** Strings rich in what Markdown and GitHub act on, mixed with arbitrary Unicode. */
const nasty = fc.oneof(
  fc.string({
    unit: fc.constantFrom('`', '``', '|', '\\', '~', '~~', '*', '_', '[', ']', '(', ')', '<', '>', '!', '@', '#', ':', '/', '.', ' ', '\n', '\r', '\t',
      '&', ';', '-', '=', '+', '"', "'", 'a', 'b', '1', 'www.', 'https://', 'x.com', '@bob', '#12', '<img src=x>', '<script>', '&lt;',
      '![i](http://e/x.png)', '[l](javascript:alert)', '|nor_conv_3x3~0|+|', '^[1]', '[^1]', '\u0000', '\u2028', '😀'),
    maxLength: 40,
  }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const spaces = (s: string) => s.replace(/^[ \t]+|[ \t]+$/g, '');

function assertInert(tree: MdNode, where: string) {
  const active = allNodes(tree).filter((n) => ACTIVE_TYPES.includes(n.type) || ['emphasis', 'strong', 'delete'].includes(n.type));
  assert.deepEqual(active.map((n) => n.type), [], `${where}: no active nodes`);
  for (const t of nodesOfType(tree, 'text')) {
    assert.doesNotMatch(t.value ?? '', /(^|[^\w`])@[A-Za-z0-9]/, `${where}: no @-mention`);
    assert.doesNotMatch(t.value ?? '', /#\d/, `${where}: no issue reference`);
  }
}

test('mdText renders as one plain text run showing the text', () => {
  fc.assert(
    fc.property(nasty, (s) => {
      const tree = parseGfm(`A ${mdText(s)} Z`);
      assert.equal(tree.children?.length, 1);
      const para = tree.children![0]!;
      assert.equal(para.type, 'paragraph');
      assertInert(tree, JSON.stringify(s));
      assert.ok(para.children!.every((c) => c.type === 'text'), `only text nodes for ${JSON.stringify(s)}`);
      assert.equal(shownText(para), `A ${mdTextShows(s)} Z`);
    }),
    { numRuns: 600 },
  );
});

test('codeSpan renders as exactly one code node showing the text', () => {
  fc.assert(
    fc.property(nasty, (s) => {
      const tree = parseGfm(`A ${codeSpan(s)} Z`);
      const codes = nodesOfType(tree, 'inlineCode');
      assert.equal(codes.length, 1, `one code node for ${JSON.stringify(s)}`);
      assert.equal(codes[0]!.value, codeSpanShows(s) || ' ');
      assertInert(tree, JSON.stringify(s));
    }),
    { numRuns: 600 },
  );
});

test('in a table cell: the row keeps its cells, the code span and the text show the input', () => {
  fc.assert(
    fc.property(nasty, nasty, (a, b) => {
      const md = `| code | text | end |\n|---|---|---|\n| ${codeSpan(a, { inTable: true })} | ${mdText(b)} | . |\n`;
      const tree = parseGfm(md);
      const tables = nodesOfType(tree, 'table');
      assert.equal(tables.length, 1);
      const rows = tables[0]!.children!;
      assert.equal(rows.length, 2);
      assert.equal(rows[1]!.children!.length, 3, `three cells for ${JSON.stringify([a, b])}`);
      const [code, text, end] = rows[1]!.children!;
      assert.deepEqual(code!.children!.map((c) => c.type), ['inlineCode']);
      assert.equal(code!.children![0]!.value, codeSpanShows(a, { inTable: true }) || ' ');
      assert.equal(shownText(text!), spaces(mdTextShows(b)));
      assert.equal(shownText(end!), '.');
      assertInert(tree, JSON.stringify([a, b]));
    }),
    { numRuns: 600 },
  );
});

test('known attacks stay inert', () => {
  const attack = '`` ![x](https://evil.example/p.png) @octocat <img src=x onerror=alert(1)> ~~gone~~ https://evil.example www.evil.example a@b.co #1';
  const tree = parseGfm(`${mdText(attack)}\n\n${codeSpan(attack)}`);
  assertInert(tree, 'attack');
  assert.equal(nodesOfType(tree, 'inlineCode')[0]!.value, attack);
});
