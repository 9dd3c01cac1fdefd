// Hostile-input sweep: several hundred bad specs, arch lists, Keras models, results folders, baselines and flags
// run through the CLI (in process, each with a time limit), spec paths outside the repository, and seeded random
// hostile values (fast-check) at random places of a spec and of a Keras model. Prints how many were refused with one clear message,
// crashed (stack trace or an internal error text), hung, or were wrongly accepted (exit 0).
//   node --import tsx bench/hostile-inputs.ts [--verbose]
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { main } from '../src/cli.js';
import { hostileValue, placesIn, withValue } from '../test/helpers/hostile.js';
import { buildBaseline, serializeBaseline } from '../src/compare/baseline.js';
import { toJson } from '../src/io/atomic.js';
import { scoresCsv } from '../src/rundir/scores-csv.js';

const root = mkdtempSync(join(tmpdir(), 'zsnas-hostile-'));
const ARCH = '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
const BASE = `name: h\narchs: ['${ARCH}']\ndata: { batch_size: 2, batches: 2 }\nproxies: [params]\nlatency: false\nbackend: wasm\noutput: ${join(root, 'out')}\n`;
let n = 0;
const file = (content: string | Buffer, ext = 'yml') => { const p = join(root, `f${n++}.${ext}`); writeFileSync(p, content); return p; };

type Case = { group: string; name: string; args: () => string[] };
const cases: Case[] = [];
const add = (group: string, name: string, args: () => string[]) => cases.push({ group, name, args });

// Specs: each field given values of the wrong type, out of range, or hostile.
const BAD = ['-1', '0', '1.5', '1e20', '"abc"', '[]', '{}', '[1, 2]', `"${'x'.repeat(100000)}"`, 'NaN', '.inf', '~x', '"\u0000"'];
const FIELDS: Array<[string, (v: string) => string]> = [
  ['name', (v) => BASE.replace('name: h', `name: ${v}`)], ['seed', (v) => `${BASE}seed: ${v}\n`],
  ['archs', (v) => BASE.replace(/archs: .*\n/, `archs: ${v}\n`)], ['data.batch_size', (v) => BASE.replace('batch_size: 2', `batch_size: ${v}`)],
  ['data.batches', (v) => BASE.replace('batches: 2', `batches: ${v}`)], ['proxies', (v) => BASE.replace('proxies: [params]', `proxies: ${v}`)],
  ['latency', (v) => BASE.replace('latency: false', `latency: { batch_sizes: ${v} }`)], ['thresholds', (v) => `${BASE}thresholds: { correlation_drop: ${v} }\n`],
  ['backend', (v) => BASE.replace('backend: wasm', `backend: ${v}`)], ['dataset', (v) => `${BASE}dataset: ${v}\n`],
  ['naswot.samples', (v) => BASE.replace('proxies: [params]', `proxies: [{ name: naswot, options: { samples: ${v} } }]`)],
  ['zico.batches', (v) => BASE.replace('proxies: [params]', `proxies: [{ name: zico, options: { batches: ${v} } }]`)],
];
for (const [field, make] of FIELDS) for (const v of BAD) {
  // Values that are valid for a field are not hostile there.
  if ((field === 'seed' && v === '0') || (field === 'name' && /^"?abc"?$|^0$|^-1$|^1\.5$|^1e20$/.test(v))
    || (field === 'archs' && v === '[1, 2]') || (field === 'latency' && v === '[1, 2]') || (field === 'thresholds' && (v === '0' || v === '1.5'))) continue;
  add('spec', `${field}=${v.slice(0, 12)}`, () => ['run', file(make(v)), '--no-latency']);
}
add('spec', 'nested 5000 deep', () => ['run', file(`${BASE}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)]);
add('spec', 'binary 10 MB', () => ['run', file(Buffer.alloc(10 << 20, 1))]);
add('spec', 'binary with NUL', () => ['run', file(Buffer.from([0x6e, 0, 0xff, 0xfe, 1, 2, 3]))]);
add('spec', 'empty', () => ['run', file('')]);
add('spec', '300 unknown keys', () => ['run', file(BASE + Array.from({ length: 300 }, (_, i) => `k${i}: 1`).join('\n'))]);
add('spec', 'missing file', () => ['run', join(root, 'nope.yml')]);
add('spec', 'folder', () => ['run', root]);
add('spec', 'missing cifar_bin', () => ['run', file(BASE.replace('data: {', 'data: { cifar_bin: nope.bin,').replace('[params]', '[grad_norm]'))]);
add('spec', 'missing ground truth', () => ['run', file(`${BASE}ground_truth: { path: nope.csv }\n`)]);
add('spec', 'missing module', () => ['run', file(BASE.replace('[params]', '[{ name: mine, module: nope.mjs }]'))]);
add('spec', 'zico with 1 batch', () => ['run', file(BASE.replace('batches: 2', 'batches: 1').replace('[params]', '[zico]'))]);
add('spec', 'batch 1e6 x 1e6', () => ['run', file(BASE.replace('batch_size: 2, batches: 2', 'batch_size: 1000000, batches: 1000000').replace('[params]', '[grad_norm]'))]);
add('spec', 'batch 400 all-3x3', () => ['run', file(BASE.replace(/archs: .*\n/, `archs: ['|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|']\n`).replace('batch_size: 2', 'batch_size: 400').replace('[params]', '[grad_norm]'))]);

// Arch lists.
const ARCH_LINES = ['99999', '-1', '1.5', 'abc', '|', '|'.repeat(1 << 20), `${ARCH}\n${ARCH}`, '', '# only a comment', '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|', '|bogus~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|', '\u0000\u0001', 'x'.repeat(5000)];
for (const l of ARCH_LINES) add('archs', `line=${JSON.stringify(l.slice(0, 12))}`, () => ['run', file(BASE), '--archs', file(l, 'txt'), '--no-latency']);

// Flags.
const FLAGS: string[][] = [['--seed', '1e20'], ['--seed', '-1'], ['--seed', '4294967296'], ['--seed', 'abc'], ['--proxies', 'params,params'], ['--proxies', 'gradnorm'],
  ['--proxies', ''], ['--proxies', ',,'],  ['--jobs', '0'], ['--jobs', '1.5'], ['--jobs', 'x'], ['--shard', '3/2'], ['--shard', 'a/b'],
  ['--shard', '0/0'], ['--backend', 'gpu'], ['--outt', 'x'], ['--out', '/dev/full'], ['--out', '/proc/zsnas'], ['--data', '/nonexistent.bin'], ['--batch-size', '0'],
  ['--batch-size', '1e9'], ['--archs', '/nonexistent'], ['--archs', '/'], ['--cache'], ['--seed']];
for (const f of FLAGS) add('flags', f.join(' '), () => ['run', file(BASE), ...f, '--no-latency']);
for (const c of [['compar'], ['merge'], ['merge', '/tmp'], ['compare'], ['baseline', 'update'], ['correlate', '--results'], ['site', '--record', '/nonexistent', '--commit', 'zz']]) add('flags', c.join(' '), () => c);

// Keras models.
const KERAS_BAD: Array<[string, Record<string, unknown>]> = [];
for (const k of ['kernel_size', 'strides']) for (const v of [0, -3, 0.5, 1.5, 1e308, 'x', null, [3], [3, 0]]) KERAS_BAD.push([`Conv2D ${k}=${JSON.stringify(v)}`, { class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: 3, [k]: v } }]);
for (const v of [0, -5, 1.5, 1e308, 'x', null]) KERAS_BAD.push([`Conv2D filters=${v}`, { class_name: 'Conv2D', config: { name: 'c', filters: v, kernel_size: 3 } }]);
for (const v of [0, 'x', -1, 2.5]) KERAS_BAD.push([`Depthwise mult=${v}`, { class_name: 'DepthwiseConv2D', config: { name: 'd', kernel_size: 3, depth_multiplier: v } }]);
for (const v of [0, -2, 1.5]) KERAS_BAD.push([`pool_size=${v}`, { class_name: 'MaxPooling2D', config: { name: 'p', pool_size: v } }]);
KERAS_BAD.push(['Lambda', { class_name: 'Lambda', config: { name: 'l', function: 'x' } }], ['unknown class', { class_name: 'Evil', config: { name: 'e' } }]);
const keras = (mid: unknown[], units: unknown = 10) => JSON.stringify({ class_name: 'Sequential', config: { layers: [
  { class_name: 'InputLayer', config: { name: 'img', batch_input_shape: [null, 32, 32, 3] } }, ...mid,
  { class_name: 'GlobalAveragePooling2D', config: { name: 'gap' } }, { class_name: 'Dense', config: { name: 'out', units } }] } });
const kerasSpec = (model: string) => `name: h\nspace: keras\nmodels: [${model}]\nproxies: [params]\nlatency: false\nbackend: wasm\n`;
for (const [name, layer] of KERAS_BAD) add('keras', name, () => ['run', file(kerasSpec(file(keras([layer]), 'json'))), '--no-latency']);
for (const u of [0, -5, 1.5, null, 'x']) add('keras', `Dense units=${u}`, () => ['run', file(kerasSpec(file(keras([], u), 'json'))), '--no-latency']);
add('keras', 'truncated json', () => ['run', file(kerasSpec(file(keras([]).slice(0, 50), 'json')))]);
add('keras', 'binary json', () => ['run', file(kerasSpec(file(Buffer.alloc(1 << 20, 0), 'json')))]);
add('keras', '100k-deep nesting', () => ['run', file(kerasSpec(file(`${'['.repeat(100000)}${']'.repeat(100000)}`, 'json')))]);

// Results folders and baselines (compare, merge).
const resultsSpec = () => file(`${BASE}baseline: ${join(root, 'base.json')}\n`);
function runDir(mutate: (files: Record<string, string>) => void): string {
  const d = join(root, `r${n++}`);
  mkdirSync(d);
  const m = { formatVersion: 1, name: 'h', spec: { proxies: [{ name: 'params' }] }, backend: 'wasm', versions: {},
    fingerprint: { cpuModel: 'X', cores: 2, memoryGiB: 4, os: 'linux', node: 'v20', tfjs: '4.22.0', backend: 'wasm', threads: 1 }, seed: 0,
    startedAt: 'x', finishedAt: 'y', timings: { totalSeconds: 1, perProxySeconds: {} }, archs: [ARCH], proxies: [{ name: 'params', direction: 1 }], errors: [] };
  const files: Record<string, string> = { 'run.json': toJson(m), 'scores.csv': scoresCsv([{ arch: ARCH, proxy: 'params', value: 5, status: 'ok', seconds: 0 }]) };
  mutate(files);
  for (const [f, t] of Object.entries(files)) writeFileSync(join(d, f), t);
  return d;
}
const RUN_MUT: Array<[string, (f: Record<string, string>) => void]> = [
  ['run.json truncated', (f) => { f['run.json'] = f['run.json'].slice(0, 30); }], ['run.json empty', (f) => { f['run.json'] = ''; }],
  ['run.json []', (f) => { f['run.json'] = '[]'; }], ['run.json binary', (f) => { f['run.json'] = '\u0000\u0001'; }],
  ['value abc', (f) => { f['scores.csv'] = f['scores.csv'].replace(',5,ok', ',abc,ok'); }], ['value Infinity ok', (f) => { f['scores.csv'] = f['scores.csv'].replace(',5,ok', ',Infinity,ok'); }],
  ['value empty', (f) => { f['scores.csv'] = f['scores.csv'].replace(',5,ok', ',,ok'); }], ['duplicate row', (f) => { f['scores.csv'] += f['scores.csv'].split('\n')[1] + '\n'; }],
  ['bad header', (f) => { f['scores.csv'] = f['scores.csv'].replace('arch,', 'ark,'); }], ['unclosed quote', (f) => { f['scores.csv'] += '"x,params,1,ok,0\n'; }],
  ['latency.json damaged', (f) => { f['latency.json'] = '{"formatVersion":1,"rows":[{"arch":"x"}]}'; }], ['latency.json truncated', (f) => { f['latency.json'] = '{"formatV'; }],
  ['status fine', (f) => { f['scores.csv'] = f['scores.csv'].replace(',ok,', ',fine,'); }], ['seconds -1', (f) => { f['scores.csv'] = f['scores.csv'].replace(/,0\.0000/, ',-1'); }],
  ['no scores.csv', (f) => { delete f['scores.csv']; }],
];
for (const key of ['formatVersion', 'name', 'backend', 'seed', 'timings', 'archs', 'spec', 'errors', 'versions', 'fingerprint']) {
  for (const v of [null, 'x', -1, [], { a: 1 }]) RUN_MUT.push([`run.json ${key}=${JSON.stringify(v)}`, (f) => { const o = JSON.parse(f['run.json']); o[key] = v; f['run.json'] = JSON.stringify(o); }]);
}
RUN_MUT.push(['archs more than scores', (f) => { const o = JSON.parse(f['run.json']); o.archs.push('|none~0|+|none~0|none~1|+|none~0|none~1|none~2|'); f['run.json'] = JSON.stringify(o); }]);
const goodBase = () => serializeBaseline(buildBaseline({ experiment: 'h', backend: 'wasm', seed: 0, versions: {}, correlations: [], fingerprint: null, latency: [],
  scores: [{ arch: ARCH, proxy: 'params', value: 5, status: 'ok', seconds: 0 }] }));
for (const [name, mut] of RUN_MUT) add('results', name, () => { writeFileSync(join(root, 'base.json'), goodBase()); return ['compare', resultsSpec(), '--results', runDir(mut)]; });
const BASE_MUT: Array<[string, (s: string) => string]> = [
  ['truncated', (s) => s.slice(0, 40)], ['version 9', (s) => s.replace('"formatVersion": 1', '"formatVersion": 9')], ['version "1"', (s) => s.replace('"formatVersion": 1', '"formatVersion": "1"')],
  ['foreign', () => '{"hello": 1}'], ['array', () => '[]'], ['empty', () => ''], ['binary', () => '\u0000'], ['value abc', (s) => s.replace('"value":5', '"value":"abc"')],
  ['status x', (s) => s.replace('"status":"ok"', '"status":"x"')], ['seed -1', (s) => s.replace('"seed": 0', '"seed": -1')], ['no scores', (s) => s.replace('"scores"', '"scorez"')],
  ['latency rows x', (s) => s.replace('"rows": [', '"rows": ["x",')], ['correlations x', (s) => s.replace('"correlations": [', '"correlations": [1')],
];
for (const [name, mut] of BASE_MUT) add('baseline', name, () => { writeFileSync(join(root, 'base.json'), mut(goodBase())); return ['compare', resultsSpec(), '--results', runDir(() => {})!, '--fail-on-regression']; });
add('baseline', 'folder', () => { const p = join(root, `bd${n++}`); mkdirSync(p); return ['compare', file(`${BASE}baseline: ${p}\n`), '--results', runDir(() => {}), '--fail-on-regression']; });
for (const [name, mut] of RUN_MUT.slice(0, 20)) add('merge', name, () => ['merge', join(root, `m${n++}`), runDir((f) => { const o = JSON.parse(f['run.json']); o.shard = { index: 0, count: 1 }; f['run.json'] = JSON.stringify(o); mut(f); })]);

// Paths outside the spec's repository (here: the sweep's folder, no git): refused unless --allow-outside-paths.
const outside = mkdtempSync(join(tmpdir(), 'zsnas-hostile-outside-'));
writeFileSync(join(outside, 'evil.mjs'), 'export default {};\n');
writeFileSync(join(outside, 'm.json'), keras([]));
symlinkSync(join(outside, 'evil.mjs'), join(root, 'link.mjs'));
const PATHS: Array<[string, string]> = [
  ['module absolute', BASE.replace('[params]', `[{ name: mine, module: ${join(outside, 'evil.mjs')} }]`)],
  ['module ../..', BASE.replace('[params]', '[{ name: mine, module: ../../../../evil.mjs }]')],
  ['module via symlink', BASE.replace('[params]', '[{ name: mine, module: ./link.mjs }]')],
  ['output absolute', BASE.replace(/output: .*\n/, `output: ${join(outside, 'out')}\n`)],
  ['output ../..', BASE.replace(/output: .*\n/, 'output: ../../zsnas-out\n')],
  ['baseline absolute', `${BASE}baseline: /etc/zsnas-baseline.json\n`],
  ['cifar_bin /etc/passwd', BASE.replace('data: {', 'data: { cifar_bin: /etc/passwd,').replace('[params]', '[grad_norm]')],
  ['ground_truth ../..', `${BASE}ground_truth: { path: ../../../etc/passwd }\n`],
  ['keras model outside', kerasSpec(join(outside, 'm.json'))],
  ['onnx model ../..', kerasSpec('../../x.onnx').replace('space: keras', 'space: onnx')],
];
for (const [name, text] of PATHS) add('paths', name, () => ['run', file(text), '--no-latency']);
add('paths', 'compare: baseline outside', () => ['compare', file(`${BASE}baseline: ${join(outside, 'b.json')}\n`), '--results', runDir(() => {})]);
// The same with the flag: these are right to be accepted (a run that writes into the outside folder).
add('paths-allowed', 'output absolute + flag', () => ['run', file(BASE.replace(/output: .*\n/, `output: ${join(outside, `o${n}`)}\n`)), '--no-latency', '--allow-outside-paths']);
add('paths-allowed', 'keras model outside + flag', () => ['run', file(kerasSpec(join(outside, 'm.json'))), '--no-latency', '--allow-outside-paths']);

// Property-style: seeded random hostile values at random places of the base spec (fast-check), through the CLI.
const baseDoc = parse(BASE) as Record<string, unknown>;
const places = placesIn(baseDoc);
for (const [i, v, remove] of fc.sample(fc.tuple(fc.nat({ max: places.length - 1 }), hostileValue, fc.boolean()), { numRuns: 60, seed: 7 })) {
  add('fuzz-spec', `${places[i].join('.')}=${String(JSON.stringify(v)).slice(0, 16)}${remove ? ' (removed)' : ''}`,
    () => ['run', file(stringify(withValue(baseDoc, places[i], v, remove && places[i].length > 1))), '--no-latency']);
}
const model = JSON.parse(keras([{ class_name: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: 3, strides: 1 } }])) as unknown;
const modelPlaces = placesIn(model);
for (const [i, v] of fc.sample(fc.tuple(fc.nat({ max: modelPlaces.length - 1 }), hostileValue), { numRuns: 40, seed: 8 })) {
  add('fuzz-keras', `${modelPlaces[i].join('.')}=${String(JSON.stringify(v)).slice(0, 16)}`, () => ['run', file(kerasSpec(file(JSON.stringify(withValue(model, modelPlaces[i], v)), 'json'))), '--no-latency']);
}

async function runCase(c: Case): Promise<{ outcome: string; err: string }> {
  let out = '', err = '';
  const [o, e] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof o;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof e;
  try {
    const code = await Promise.race([main(c.args()), new Promise<'hang'>((r) => setTimeout(() => r('hang'), 60_000))]);
    if (code === 'hang') return { outcome: 'hang', err };
    if (code === 0) return { outcome: 'accepted', err: out + err };
    const crash = /\n\s+at |Cannot read properties|is not a function|Maximum call stack|Invalid typed array|undefined \(reading/.test(err);
    const clear = err.length < 8000 && err.split('\n').length <= 23 && err.split('\n').every((l) => l.length <= 400) && err.trim() !== '';
    return { outcome: crash ? 'crash' : clear ? 'refused' : 'unclear', err };
  } catch (e) {
    return { outcome: 'crash', err: String((e as Error).stack) };
  } finally {
    process.stdout.write = o; process.stderr.write = e;
  }
}

const verbose = process.argv.includes('--verbose');
const counts: Record<string, Record<string, number>> = {};
for (const c of cases) {
  const r = await runCase(c);
  (counts[c.group] ??= {})[r.outcome] = (counts[c.group][r.outcome] ?? 0) + 1;
  if (verbose || r.outcome !== 'refused') process.stdout.write(`${r.outcome.padEnd(9)} ${c.group}: ${c.name}\n    ${r.err.split('\n')[0].slice(0, 160)}\n`);
}
const total: Record<string, number> = {};
for (const g of Object.values(counts)) for (const [k, v] of Object.entries(g)) total[k] = (total[k] ?? 0) + v;
process.stdout.write(`\n${cases.length} hostile cases\n`);
for (const [g, c] of Object.entries(counts)) process.stdout.write(`  ${g.padEnd(9)} ${JSON.stringify(c)}\n`);
process.stdout.write(`  total     ${JSON.stringify(total)}\n`);
process.exit(0);
