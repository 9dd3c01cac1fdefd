// Missing, corrupt, foreign, newer and older-format baselines get messages (and a migration), never a crash.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBaseline, loadBaseline, serializeBaseline } from '../../src/compare/baseline.js';

const dir = mkdtempSync(join(tmpdir(), 'zsnas-baseline-'));
const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

test('round trip keeps NaN scores and order', () => {
  const b = buildBaseline({ experiment: 'e', backend: 'wasm', seed: 1, versions: {}, fingerprint: null, correlations: [], latency: [],
    scores: [{ arch: 'z', proxy: 'p', value: NaN, status: 'nan', seconds: 0 }, { arch: 'a', proxy: 'p', value: 2, status: 'ok', seconds: 0 }] });
  const r = loadBaseline(write('ok.json', serializeBaseline(b)));
  assert.ok(r.ok);
  assert.deepEqual(Object.keys(r.baseline.scores), ['z', 'a']);
  assert.ok(Number.isNaN(r.baseline.scores.z.p.value));
});

test('messages for missing, corrupt, foreign and newer files', () => {
  const msg = (p: string | undefined) => { const r = loadBaseline(p); assert.ok(!r.ok); return r.message; };
  assert.match(msg(undefined), /names no baseline/);
  assert.match(msg(join(dir, 'nope.json')), /no baseline at .*nope\.json: create it with `zsnas baseline update`/);
  assert.match(msg(write('bad.json', '{"format": ')), /bad\.json:1:12: invalid JSON: unexpected end of input; regenerate it/);
  assert.match(msg(write('foreign.json', '{"hello": 1}')), /foreign\.json: not a zsnas baseline/);
  assert.match(msg(write('newer.json', '{"format":"zsnas-baseline","formatVersion":9}')), /format version 9, newer than this zsnas understands \(1\)/);
  assert.match(msg(write('broken.json', '{"format":"zsnas-baseline","formatVersion":1}')), /is corrupt: \S*broken\.json: experiment: got nothing/);
});

test('only a missing baseline counts as missing (a first run); folders, bad JSON, unknown versions are broken', () => {
  const missing = (p: string | undefined) => { const r = loadBaseline(p); assert.ok(!r.ok); return r.missing; };
  assert.equal(missing(undefined), true);
  assert.equal(missing(join(dir, 'nope.json')), true);
  assert.equal(missing(dir), false);
  assert.equal(missing(write('trunc.json', '{"format":"zsnas-baseline","formatVersion":1,"sco')), false);
  assert.equal(missing(write('v2.json', '{"format":"zsnas-baseline","formatVersion":2}')), false);
  assert.equal(missing(write('vx.json', '{"format":"zsnas-baseline","formatVersion":"1"}')), false);
  assert.equal(missing(write('arr.json', '[]')), false);
});

test('damaged fields are named by JSON path', () => {
  const b = buildBaseline({ experiment: 'e', backend: 'wasm', seed: 1, versions: {}, fingerprint: null, correlations: [], latency: [],
    scores: [{ arch: 'a', proxy: 'p', value: 2, status: 'ok', seconds: 0 }] });
  const text = serializeBaseline(b).replace('"value":2', '"value":"abc"').replace('"seed": 1', '"seed": -3');
  const r = loadBaseline(write('damaged.json', text));
  assert.ok(!r.ok);
  assert.match(r.message, /damaged\.json: seed: got -3, expected an integer in 0\.\.4294967295/);
  assert.match(r.message, /damaged\.json: scores\.a\.p\.value: got "abc", expected a finite number/);
});

test('format 0 (flat rows) is migrated', () => {
  const r = loadBaseline(write('v0.json', JSON.stringify({ experiment: 'e', rows: [{ arch: 'a', proxy: 'params', value: 5, status: 'ok', seconds: 0 }] })));
  assert.ok(r.ok);
  assert.equal(r.migratedFrom, 0);
  assert.equal(r.baseline.scores.a.params.value, 5);
});
