// Paths a spec names stay inside its repository (git checkout, else its folder): a module, model, baseline or
// output outside it is refused with file:line:col and the field, data files may also come from the data folder,
// and --allow-outside-paths lifts the rule. The shipped configs load as typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';
import { readSpec, specOptions } from '../../src/commands/spec-io.js';
import { main } from '../../src/cli.js';

/** A fake checkout: root/.git, root/configs/spec.yml; returns the root. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-contain-'));
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'configs'));
  writeFileSync(join(root, 'configs', 'm.mjs'), 'export default {};\n');
  return root;
}

const HOSTILE = `name: p
data: { cifar_bin: /etc/passwd, batch_size: 1, batches: 1 }
proxies:
  - params
  - { name: evil, module: ../../evil.mjs }
  - { name: evil2, module: /tmp/evil.mjs }
ground_truth: { path: ../../../gt.csv }
baseline: /etc/zsnas-baseline.json
output: ../../out
`;

test('every path outside the repository is refused, each at its line with its field', () => {
  const root = checkout();
  writeFileSync(join(root, 'configs', 'spec.yml'), HOSTILE);
  let err: SpecError | undefined;
  assert.throws(() => loadSpec(join(root, 'configs', 'spec.yml'), { knownProxies: ['params'] }), (e: Error) => { err = e as SpecError; return e instanceof SpecError; });
  const got = err!.issues.map((i) => `${i.line} ${i.field}`);
  assert.deepEqual(got, ['2 data.cifar_bin', '5 proxies[1].module', '6 proxies[2].module', '7 ground_truth.path', '8 baseline', '9 output']);
  const lines = err!.message.split('\n');
  assert.equal(lines.length, 6);
  assert.match(lines[1], new RegExp(`spec\\.yml:5:\\d+: proxies\\[1\\]\\.module: got "\\.\\./\\.\\./evil\\.mjs" \\(\\S+/evil\\.mjs\\), expected a path inside the repository ${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(or run with --allow-outside-paths\\)$`));
  assert.match(lines[0], /data\.cifar_bin: got "\/etc\/passwd" .*expected a path inside the repository \S+ or a data folder/);
});

test('with --allow-outside-paths the same spec loads', () => {
  const root = checkout();
  writeFileSync(join(root, 'configs', 'spec.yml'), HOSTILE);
  const spec = loadSpec(join(root, 'configs', 'spec.yml'), { knownProxies: ['params'], allowOutsidePaths: true });
  assert.equal(spec.baseline, '/etc/zsnas-baseline.json');
  assert.equal(spec.proxies[2].module, '/tmp/evil.mjs');
});

test('inside the checkout, in the data folder, and through a symlink that leaves it', () => {
  const root = checkout();
  const data = mkdtempSync(join(tmpdir(), 'zsnas-data-'));
  const spec = (body: string) => { writeFileSync(join(root, 'configs', 'spec.yml'), `name: p\n${body}`); return join(root, 'configs', 'spec.yml'); };
  // ../ that stays in the checkout is fine: configs/ -> the root's out/ and reports/.
  const ok = loadSpec(spec('proxies: [{ name: mine, module: ./m.mjs }]\nbaseline: ../reports/b.json\noutput: ../out/p\n'), {});
  assert.equal(ok.output, join(root, 'out', 'p'));
  const saved = process.env.ZSNAS_DATA_DIR;
  process.env.ZSNAS_DATA_DIR = data;
  try {
    assert.equal(loadSpec(spec(`data: { cifar_bin: ${join(data, 'c.bin')} }\n`), {}).data.kind, 'cifar-bin');
    // Data folders are for data only: a module there is still outside.
    assert.throws(() => loadSpec(spec(`proxies: [{ name: mine, module: ${join(data, 'm.mjs')} }]\n`), {}), /proxies\[0\]\.module: got .*expected a path inside the repository/);
  } finally {
    if (saved === undefined) delete process.env.ZSNAS_DATA_DIR; else process.env.ZSNAS_DATA_DIR = saved;
  }
  // A link inside the checkout to a file outside it is judged by where it leads.
  writeFileSync(join(data, 'evil.mjs'), 'export default {};\n');
  symlinkSync(join(data, 'evil.mjs'), join(root, 'configs', 'link.mjs'));
  assert.throws(() => loadSpec(spec('proxies: [{ name: mine, module: ./link.mjs }]\n'), {}), /proxies\[0\]\.module: got "\.\/link\.mjs"/);
});

test('the shipped configs load as typed (data from ../shared/data beside the checkout)', () => {
  const dir = new URL('../../configs/', import.meta.url).pathname;
  const files = [...readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => join(dir, f)),
    ...readdirSync(join(dir, 'examples')).filter((f) => f.endsWith('.yml')).map((f) => join(dir, 'examples', f))];
  assert.ok(files.length >= 12, `${files.length} configs`);
  for (const f of files) assert.doesNotThrow(() => readSpec(f), f);
});

test('the CLI flag reaches the spec reader and is reset for the next command', async () => {
  const root = checkout();
  const outside = mkdtempSync(join(tmpdir(), 'zsnas-outside-'));
  writeFileSync(join(root, 'configs', 'spec.yml'), `name: p\narchs: ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|']\nproxies: [params]\nlatency: false\nbackend: cpu\noutput: ${outside}\n`);
  const err = process.stderr.write; // stdout is left alone: the test runner reports through it
  let said = '';
  process.stderr.write = ((s: string) => { said += s; return true; }) as typeof process.stderr.write;
  try {
    assert.equal(await main(['run', join(root, 'configs', 'spec.yml')]), 1);
    assert.match(said, /^zsnas run: \S+spec\.yml:6:9: output: got .*expected a path inside the repository .*--allow-outside-paths\)\n$/);
    assert.deepEqual(readdirSync(outside), [], 'nothing written when refused');
    assert.equal(await main(['run', join(root, 'configs', 'spec.yml'), '--allow-outside-paths']), 0);
    assert.ok(readdirSync(outside).includes('scores.csv'));
    assert.equal(specOptions().allowOutsidePaths, true);
    await main(['proxies']);
    assert.equal(specOptions().allowOutsidePaths, false, 'the next command without the flag does not inherit it');
  } finally {
    process.stderr.write = err;
  }
});
