// Property: a results folder (run.json, scores.csv, latency.json) or a baseline with a hostile value anywhere, a cell
// swapped, text cut or binary bytes is either read into results that hold together (one ok-or-flagged row per arch x
// proxy, finite values where ok, latency only for listed archs) or refused with one short line per problem naming
// the damaged file. The entries are the ones compare, merge, correlate and hw-aware read through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readResults, type RunResults } from '../../src/rundir/read.js';
import { manifestProxyNames } from '../../src/rundir/manifest.js';
import { buildBaseline, loadBaseline, serializeBaseline } from '../../src/compare/baseline.js';
import { InputError } from '../../src/io/input-error.js';
import { scoreRows, writeRunDir } from '../helpers/run-dir.js';
import { assertCleanRefusal, hostileValue, placesIn, textMutation, withValue } from '../helpers/hostile.js';

const ARCHS = ['|none~0|+|none~0|none~1|+|none~0|none~1|none~2|', '|skip_connect~0|+|none~0|none~1|+|none~0|none~1|none~2|', '7'];
const dir = writeRunDir(ARCHS);
const FILES = ['run.json', 'scores.csv', 'latency.json'] as const;
const pristine = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')])) as Record<(typeof FILES)[number], string>;
const STATUSES = new Set(['ok', 'nan', 'inf', 'error']);

function assertHoldsTogether(r: RunResults): void {
  const archs = new Set(r.manifest.archs);
  const proxies = manifestProxyNames(r.manifest);
  assert.equal(archs.size, r.manifest.archs.length, 'archs listed once');
  const keys = new Set(r.scores.map((s) => `${s.arch}\u0000${s.proxy}`));
  assert.equal(keys.size, r.scores.length, 'no duplicate rows');
  assert.equal(r.scores.length, archs.size * proxies.length, 'one row per arch x proxy');
  for (const s of r.scores) {
    assert.ok(archs.has(s.arch) && proxies.includes(s.proxy) && STATUSES.has(s.status), JSON.stringify(s));
    if (s.status === 'ok') assert.ok(Number.isFinite(s.value), `ok row with value ${s.value}`);
    assert.ok(Number.isFinite(s.seconds) && s.seconds >= 0, `seconds ${s.seconds}`);
  }
  assert.ok(Number.isFinite(r.manifest.timings.totalSeconds) && r.manifest.timings.totalSeconds >= 0);
  for (const row of r.latency?.rows ?? []) {
    assert.ok(archs.has(row.arch) && Number.isFinite(row.median_ms) && row.median_ms >= 0 && Number.isSafeInteger(row.batch) && row.batch >= 1, JSON.stringify(row));
  }
}

function check(file: (typeof FILES)[number], text: string): void {
  for (const f of FILES) writeFileSync(join(dir, f), f === file ? text : pristine[f], 'latin1');
  let r: RunResults;
  try {
    r = readResults(dir);
  } catch (e) {
    assertCleanRefusal(e, [InputError], dir);
    return;
  }
  assertHoldsTogether(r);
}

test('the pristine folder reads', () => {
  check('run.json', pristine['run.json']);
  assert.equal(readResults(dir).scores.length, 6);
});

for (const file of ['run.json', 'latency.json'] as const) {
  test(`${file}: a hostile value anywhere, or a field removed`, () => {
    const doc = JSON.parse(pristine[file]) as unknown;
    const places = placesIn(doc);
    fc.assert(fc.property(fc.nat({ max: places.length - 1 }), hostileValue, fc.boolean(), (i, v, remove) => {
      check(file, JSON.stringify(withValue(doc, places[i], v, remove)));
    }), { numRuns: 250, seed: 31 });
  });
}

test('scores.csv: a cell swapped, a row dropped or repeated', () => {
  const lines = pristine['scores.csv'].trimEnd().split('\n');
  const cell = fc.oneof(fc.constantFrom('', 'abc', 'NaN', 'Infinity', '-1', '1e400', 'ok', 'error', 'weird', '"', ',', ARCHS[0], 'params'), fc.string({ maxLength: 10 }));
  fc.assert(fc.property(fc.nat({ max: lines.length - 1 }), fc.nat({ max: 4 }), cell, fc.constantFrom('swap', 'drop', 'repeat'), (l, c, v, how) => {
    const out = [...lines];
    if (how === 'drop') out.splice(l, 1);
    else if (how === 'repeat') out.splice(l, 0, lines[l]);
    else { const cells = out[l].split(','); cells[c % cells.length] = v; out[l] = cells.join(','); }
    check('scores.csv', out.join('\n') + '\n');
  }), { numRuns: 250, seed: 32 });
});

test('any of the three cut, with binary bytes, deep brackets or a huge line', () => {
  fc.assert(fc.property(fc.constantFrom(...FILES).chain((f) => textMutation(pristine[f]).map((t) => [f, t] as const)), ([f, t]) => check(f, t)), { numRuns: 120, seed: 33 });
});

test('baseline: a hostile value anywhere, cut or binary: loaded whole or a broken baseline naming the file', () => {
  const file = join(dir, 'baseline.json');
  const text = serializeBaseline(buildBaseline({
    experiment: 'fixture', backend: 'wasm', seed: 0, versions: { zsnas: '0.1.0' }, correlations: [], fingerprint: null,
    latency: [{ arch: ARCHS[0], batch: 1, median_ms: 2, samples_ms: [1.9, 2, 2.1] }] as never, scores: scoreRows(ARCHS),
  }));
  const doc = JSON.parse(text) as unknown;
  const places = placesIn(doc);
  const variant = fc.oneof(
    fc.tuple(fc.nat({ max: places.length - 1 }), hostileValue, fc.boolean()).map(([i, v, rm]) => JSON.stringify(withValue(doc, places[i], v, rm))),
    textMutation(text),
  );
  fc.assert(fc.property(variant, (t) => {
    writeFileSync(file, t, 'latin1');
    const b = loadBaseline(file);
    if (!b.ok) {
      assert.equal(b.missing, false, 'a damaged baseline is broken, never a first run');
      // The message may end with how to fix it (`regenerate it with ...`), a line of its own.
      assertCleanRefusal(new InputError(b.message.split('\n').filter((l) => !l.startsWith('regenerate it with'))), [InputError], file);
      return;
    }
    for (const [arch, byProxy] of Object.entries(b.baseline.scores)) {
      for (const [proxy, s] of Object.entries(byProxy)) {
        assert.ok(STATUSES.has(s.status), `${arch} ${proxy} status ${s.status}`);
        if (s.status === 'ok') assert.ok(Number.isFinite(s.value), `${arch} ${proxy}: ok with ${s.value}`);
      }
    }
  }), { numRuns: 300, seed: 34 });
});
