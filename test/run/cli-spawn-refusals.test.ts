// A handful of hostile inputs through the real CLI process (the property tests use the same entry in process):
// exit code 1, a short message naming the file and field, no stack trace, and nothing written to --out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'zsnas-cli-refusals-'));
mkdirSync(join(root, '.git'));
const ARCH = '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
const BASE = `name: h\narchs: ['${ARCH}']\nproxies: [params]\nlatency: false\nbackend: cpu\n`;
const put = (name: string, text: string | Buffer) => { const p = join(root, name); writeFileSync(p, text); return p; };
const keras = (filters: unknown) => JSON.stringify({ class_name: 'Sequential', config: { layers: [
  { class_name: 'InputLayer', config: { name: 'img', batch_input_shape: [null, 32, 32, 3] } },
  { class_name: 'Conv2D', config: { name: 'c', filters, kernel_size: 3 } },
  { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } }, { class_name: 'Dense', config: { name: 'out', units: 10 } }] } });

const CASES: Array<{ name: string; args: string[]; says: RegExp }> = [
  { name: 'binary spec', args: [put('binary.yml', Buffer.from([0x6e, 0, 0xff, 0xfe, 1, 2, 3]))], says: /binary\.yml: .*binary/ },
  { name: 'module outside the repository', args: [put('escape.yml', BASE.replace('[params]', '[{ name: mine, module: ../../evil.mjs }]'))],
    says: /escape\.yml:3:\d+: proxies\[0\]\.module: got "\.\.\/\.\.\/evil\.mjs".*expected a path inside the repository/ },
  { name: 'arch list with a bad line', args: [put('ok.yml', BASE), '--archs', put('archs.txt', `${ARCH}\n|bogus~0|\n`)], says: /archs\.txt:2: / },
  { name: 'Keras filters 0', args: [put('keras.yml', `name: k\nspace: keras\nmodels: [model.json]\nproxies: [params]\nlatency: false\nbackend: cpu\n`), '--archs', put('keys.txt', 'model\n')],
    says: /model\.json: layer "c" \(Conv2D\): filters: got 0, expected an integer from 1 to/ },
];
put('model.json', keras(0));

for (const c of CASES) {
  test(`the CLI refuses: ${c.name}`, () => {
    const out = join(root, `out-${c.name.replace(/\W+/g, '-')}`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', resolve('test/helpers/cli-entry.ts'), 'run', ...c.args, '--out', out, '--no-latency'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, '');
    // A model is read after the backend starts: its `backend: ...` log line may come first.
    const lines = r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('backend: '));
    assert.ok(lines.length <= 3 && lines.every((l) => l.length <= 400), r.stderr.slice(0, 500));
    assert.match(lines[0], /^zsnas run: /);
    assert.match(r.stderr, c.says);
    assert.doesNotMatch(r.stderr, /\n\s+at |Error:|Cannot read/);
    assert.equal(existsSync(out), false, 'nothing written to --out');
  });
}
