// Scores whose gradient passes ran on another engine (onnxruntime vs tfjs) are not compared as if exact: they round
// differently, so a tiny difference is "incomparable" with the reason, never a regression. Same engine: exact.
// The engine survives a baseline's write and read; a damaged engine field is named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBaseline, loadBaseline, serializeBaseline } from '../../src/compare/baseline.js';
import { compareRun, type CurrentRun } from '../../src/compare/compare.js';
import type { ScoreRow } from '../../src/results.js';

const thresholds = { correlationDrop: 0.05, scoreRelTol: 1e-4, latencyMinEffect: 0.05, latencyAlpha: 0.01 };
const row = (proxy: string, value: number, engine?: string): ScoreRow =>
  ({ arch: 'a', proxy, value, status: 'ok', seconds: 0, ...(engine ? { engine } : {}) });

// A baseline written before gradient engines were recorded: no engine field (tfjs computed it).
const old = buildBaseline({ experiment: 'x', backend: 'wasm', seed: 0, versions: {}, scores: [row('params', 100), row('grad_norm', 4)],
  correlations: [], fingerprint: null, latency: [] });
const current = (scores: ScoreRow[]): CurrentRun =>
  ({ experiment: 'x', backend: 'wasm', scores, correlations: [], fingerprint: null, latency: [], direction: () => 1 });
const verdicts = (scores: ScoreRow[], base = old) =>
  Object.fromEntries(compareRun(current(scores), base, thresholds).items.map((i) => [i.key, [i.verdict, i.detail]]));

test('another gradient engine: a 1e-6 difference is incomparable with the reason, not a regression', () => {
  const v = verdicts([row('params', 100), row('grad_norm', 4 * (1 - 1e-6), 'onnxruntime')]);
  assert.deepEqual(v.grad_norm, ['incomparable', 'gradient engine tfjs in the baseline, onnxruntime now: refresh the baseline or pin proxy_engine']);
  assert.deepEqual(v.params, ['unchanged', 'identical (same backend)']);
});

test('same engine (tfjs now, none recorded before): exact comparison catches the same 1e-6', () => {
  assert.equal(verdicts([row('params', 100), row('grad_norm', 4 * (1 - 1e-6), 'tfjs')]).grad_norm[0], 'regression');
  assert.equal(verdicts([row('params', 100), row('grad_norm', 4, 'onnxruntime')]).grad_norm[0], 'unchanged');
});

test('the engine is written to and read from a baseline; onnxruntime on both sides compares exactly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-engine-'));
  const file = join(dir, 'b.json');
  const withEngine = buildBaseline({ experiment: 'x', backend: 'wasm', seed: 0, versions: {},
    scores: [row('params', 100), row('grad_norm', 4, 'onnxruntime')], correlations: [], fingerprint: null, latency: [] });
  writeFileSync(file, serializeBaseline(withEngine));
  const loaded = loadBaseline(file);
  assert.ok(loaded.ok);
  assert.equal(loaded.baseline.scores.a!.grad_norm!.engine, 'onnxruntime');
  assert.equal(loaded.baseline.scores.a!.params!.engine, undefined);
  assert.equal(verdicts([row('params', 100), row('grad_norm', 4 * (1 + 1e-6), 'onnxruntime')], loaded.baseline).grad_norm[0], 'improvement');
  writeFileSync(file, serializeBaseline(withEngine).replace('"engine":"onnxruntime"', '"engine":7'));
  const bad = loadBaseline(file);
  assert.ok(!bad.ok);
  assert.match(bad.message, /scores\.a\.grad_norm\.engine/);
});
