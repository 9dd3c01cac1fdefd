// A results artifact comes from the PR: put an attack string into every run-derived field (names, backend, machine,
// versions, messages, details, proxies, archs, refs, file names) and the rendered comment still holds only our own
// links, images and HTML, no mention, no strikethrough, and every table row as wide as its header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMarkdown } from '../../src/report/markdown.js';
import type { ReportInput } from '../../src/report/types.js';
import { nodesOfType, parseGfm } from './gfm.js';
import { prCheckInput } from './demo-fixtures.js';

const ATTACK = (tag: string) => `${tag}\` ![x](https://evil.example/${tag}.png) @octocat <img src=x onerror=alert(1)> ~~gone~~ | https://evil.example www.evil.example [y](https://evil.example) \`\`\``;

function poisoned(): ReportInput {
  const input = prCheckInput();
  const a = ATTACK;
  const archMap = new Map(input.manifest.archs.map((arch, i) => [arch, a(`arch${i}`)]));
  const arch = (x: string) => archMap.get(x) ?? x;
  const m = input.manifest;
  m.name = a('name');
  m.backend = a('backend');
  m.fingerprint = { ...m.fingerprint, cpuModel: a('cpu'), os: a('os'), node: a('node'), tfjs: a('tfjs') };
  m.versions = { [a('pkg')]: a('version') };
  m.startedAt = a('start');
  m.timings.perProxySeconds = { [a('proxytime')]: 1 };
  m.archs = m.archs.map(arch);
  input.experiment = 'pr-check';
  input.scores = input.scores.map((s, i) => ({ ...s, arch: arch(s.arch), proxy: s.proxy === 'grad_norm' ? a('proxy') : s.proxy,
    ...(i === 0 ? { status: 'error' as const, value: NaN, error: a('error') } : {}) }));
  input.latency = input.latency.map((l) => ({ ...l, arch: arch(l.arch) }));
  input.latencyAb = input.latencyAb!.map((r) => ({ ...r, arch: arch(r.arch) }));
  input.comparison!.items = input.comparison!.items.map((it) => ({ ...it, key: it.key === 'grad_norm' ? a('proxy') : it.key, metric: arch(it.metric), detail: a('detail') }));
  input.abSides = { baseRef: a('ref'), headSha: a('sha'), added: [a('added')], removed: [a('removed')], judgingChanges: [a('file')] };
  input.runUrl = 'javascript:alert(1)';
  input.artifactUrl = 'https://github.com/o/r/actions/runs/1/artifacts/2) ![z](https://evil.example/z.png';
  input.chartLinks = { change: 'https://github.com/o/r/blob/zsnas-assets/pr-1/s/change.png?raw=true' };
  return input;
}

test('attack strings in every run-derived field stay inert in the rendered comment', () => {
  const md = buildMarkdown(poisoned());
  const tree = parseGfm(md);
  assert.deepEqual(nodesOfType(tree, 'image').map((i) => i.url), ['https://github.com/o/r/blob/zsnas-assets/pr-1/s/change.png?raw=true']);
  assert.deepEqual(nodesOfType(tree, 'link').map((l) => l.url), ['https://github.com/o/r/actions/runs/1/artifacts/2%29%20!%5Bz%5D%28https://evil.example/z.png']);
  const html = nodesOfType(tree, 'html').map((h) => h.value);
  assert.deepEqual(html.filter((h) => !/^(<!-- zsnas:pr-check -->|<details><summary>[^<>]*<\/summary>|<\/details>|<\/?sub>)$/.test(h ?? '')), []);
  assert.equal(nodesOfType(tree, 'delete').length, 0);
  for (const t of nodesOfType(tree, 'text')) assert.doesNotMatch(t.value ?? '', /(^|[^\w`])@octocat/, 'no mention');
  for (const table of nodesOfType(tree, 'table')) for (const row of table.children!) assert.equal(row.children!.length, table.children![0]!.children!.length);
  // The attack text is shown, inert: in code spans (arch, proxy, file) and as escaped text (detail, error).
  const codes = nodesOfType(tree, 'inlineCode').map((c) => c.value ?? '');
  assert.ok(codes.some((c) => c.startsWith('file`')) && codes.some((c) => c.startsWith('proxy`')));
});
