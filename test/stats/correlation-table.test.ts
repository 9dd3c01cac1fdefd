import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlationTable } from '../../src/stats/correlation-table.js';

test('correlation table: direction flip, dropped pairs, constant proxy, key-order determinism', () => {
  const archs = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`);
  const accuracy = new Map(archs.map((a, i) => [a, i]));
  const params = new Map(archs.map((a, i) => [a, i]));
  const latency = new Map(archs.map((a, i) => [a, -i])); // lower is better
  const broken = new Map(archs.map((a, i) => [a, i === 19 ? NaN : i]));
  broken.set('zz', 100); // no accuracy: dropped, never picked
  const constant = new Map(archs.map((a) => [a, 1]));
  const scores = new Map([['params', params], ['latency', latency], ['broken', broken], ['const', constant]]);
  const opts = { topFraction: 0.1, bootstrap: 200, seed: 1, direction: new Map<string, 1 | -1>([['latency', -1]]) };
  const [p, l, b, c] = correlationTable(scores, accuracy, opts);

  assert.deepEqual({ ...p, spearmanCi: undefined, kendallCi: undefined }, {
    proxy: 'params', n: 20, dropped: 0, spearman: 1, kendall: 1, spearmanCi: undefined, kendallCi: undefined,
    spearmanTop: 1, kendallTop: 1, nTop: 2, // ceil(0.1 * 20) = 2: k19, k18
    bestPickArch: 'k19', bestPickAccuracy: 19, bestPickTies: 1, bestAccuracy: 19,
  });
  assert.deepEqual(p.spearmanCi, [1, 1]); // every resample of a perfect ordering is perfect
  assert.deepEqual({ ...l, proxy: 'params' }, p); // flipped: same row (same CI: constant resamples aside, all are 1)

  // broken: k19's NaN score and zz's missing accuracy are dropped; the top-2 subset is still {k19, k18},
  // of which only k18 has a score, so its correlations are undefined
  assert.equal(b.n, 19);
  assert.equal(b.dropped, 2);
  assert.equal(b.nTop, 1);
  assert.ok(Number.isNaN(b.spearmanTop) && Number.isNaN(b.kendallTop));
  assert.equal(b.bestPickArch, 'k18');
  assert.equal(b.bestAccuracy, 19); // charged for the best arch it failed on

  assert.ok(Number.isNaN(c.spearman) && Number.isNaN(c.kendall));
  assert.match(c.reason!, /proxy scores \(x\) are constant over 20 pairs/);
  assert.deepEqual([c.bestPickArch, c.bestPickAccuracy, c.bestPickTies], ['k00', 9.5, 20]); // mean of 0..19

  // insertion order of either map does not change any number, intervals included
  const noisy = new Map(archs.map((a, i) => [a, (i * 7) % 11]));
  const reversed = new Map([...noisy].reverse());
  const accReversed = new Map([...accuracy].reverse());
  assert.deepEqual(
    correlationTable(new Map([['n', reversed]]), accReversed, opts),
    correlationTable(new Map([['n', noisy]]), accuracy, opts));
});
