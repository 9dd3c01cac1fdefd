// History charts: per experiment, one line per proxy of Spearman rho over commit dates (non-finite rho left out), and
// median latency per arch; with many archs, each arch faint plus the median over archs per commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyCharts, type HistoryEntry } from '../../src/publish/site/history.js';

const entry = (commit: string, date: string, experiment: string, spearman: HistoryEntry['spearman'], latencyMs: HistoryEntry['latencyMs']): HistoryEntry =>
  ({ commit, date, experiment, spearman, latencyMs });

type Layer = { mark: unknown; transform?: unknown[]; encoding: { color?: unknown } };

test('correlation and latency lines per experiment, in date order', () => {
  const charts = historyCharts([
    entry('bbbbbbbbb', '2025-01-02T00:00:00Z', 'pr-check', { synflow: 0.72, naswot: null }, { '|a~0|': 10.5 }),
    entry('aaaaaaaaa', '2025-01-01T00:00:00Z', 'pr-check', { synflow: 0.7, naswot: 0.8 }, { '|a~0|': 10, '|b~0|': 12 }),
    entry('ccccccccc', '2025-01-01T00:00:00Z', 'other', {}, {}),
  ]);
  assert.deepEqual([...charts.keys()], ['other', 'pr-check']);
  assert.deepEqual(charts.get('other'), {});
  const pr = charts.get('pr-check')!;
  assert.deepEqual((pr.correlation!.data as { values: unknown[] }).values, [
    { commit: 'aaaaaaa', date: '2025-01-01T00:00:00Z', proxy: 'synflow', rho: 0.7 },
    { commit: 'aaaaaaa', date: '2025-01-01T00:00:00Z', proxy: 'naswot', rho: 0.8 },
    { commit: 'bbbbbbb', date: '2025-01-02T00:00:00Z', proxy: 'synflow', rho: 0.72 },
  ]);
  const x = (pr.correlation!.encoding as { x: { field: string; sort: string[] } }).x;
  assert.deepEqual([x.field, x.sort], ['commit', ['aaaaaaa', 'bbbbbbb']], 'commits oldest first');
  const lat = (pr.latency!.data as { values: Array<{ archFull: string; ms: number; commit: string }> }).values;
  assert.deepEqual(lat.map((v) => [v.commit, v.archFull, v.ms]), [['aaaaaaa', '|a~0|', 10], ['aaaaaaa', '|b~0|', 12], ['bbbbbbb', '|a~0|', 10.5]]);
  const layers = pr.latency!.layer as Layer[];
  assert.equal(layers.length, 1, 'two archs: one coloured line each, no median line');
  assert.deepEqual(layers[0]!.encoding.color, { field: 'arch', type: 'nominal', title: 'arch' });
});

test('more than 10 archs: faint lines plus the median over archs', () => {
  const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`arch${i}`, i + 1]));
  const layers = historyCharts([entry('abcdef1', '2025-01-01T00:00:00Z', 'big', {}, many)]).get('big')!.latency!.layer as Layer[];
  assert.equal(layers.length, 2);
  assert.deepEqual(layers[0]!.encoding.color, { value: '#9a9a9a' });
  assert.deepEqual(layers[1]!.transform, [{ aggregate: [{ op: 'median', field: 'ms', as: 'ms' }], groupby: ['date', 'commit'] }]);
});
