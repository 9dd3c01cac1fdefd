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
  assert.match(msg(write('bad.json', '{"format": ')), /is not valid JSON/);
  assert.match(msg(write('foreign.json', '{"hello": 1}')), /is not a zsnas baseline/);
  assert.match(msg(write('newer.json', '{"format":"zsnas-baseline","formatVersion":9}')), /format version 9, newer than this zsnas understands \(1\)/);
  assert.match(msg(write('broken.json', '{"format":"zsnas-baseline","formatVersion":1}')), /is corrupt/);
});

test('format 0 (flat rows) is migrated', () => {
  const r = loadBaseline(write('v0.json', JSON.stringify({ experiment: 'e', rows: [{ arch: 'a', proxy: 'params', value: 5, status: 'ok', seconds: 0 }] })));
  assert.ok(r.ok);
  assert.equal(r.migratedFrom, 0);
  assert.equal(r.baseline.scores.a.params.value, 5);
});
