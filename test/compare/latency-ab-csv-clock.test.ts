// latency-ab.csv states its clock in a `clock` column appended after the eight (cpu | wall); files from
// before the column parse with the clock unknown; anything else in it is refused with file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyAbCsv, parseLatencyAbCsv } from '../../src/compare/latency-ab-csv.js';
import { LATENCY_AB_HEADER, type LatencyAbRow } from '../../src/compare/ab-types.js';

const ROW: LatencyAbRow = { arch: 'a,b', batch: 1, baseMedianMs: 2, headMedianMs: 2.5, ratio: 1.25, ciLow: 1.2, ciHigh: 1.31, verdict: 'slower', clock: 'cpu' };

test('the clock column: written, read back, old files without it, bad values refused', () => {
  assert.equal(LATENCY_AB_HEADER.join(','), 'arch,batch,base_median_ms,head_median_ms,ratio,ci_low,ci_high,verdict,clock');
  const text = latencyAbCsv([ROW, { ...ROW, arch: 'c', clock: 'wall' }]);
  assert.equal(text.split('\n')[1], '"a,b",1,2,2.5,1.25,1.2,1.31,slower,cpu');
  assert.deepEqual(parseLatencyAbCsv(text, 'x.csv').map((r) => r.clock), ['cpu', 'wall']);
  const old = 'arch,batch,base_median_ms,head_median_ms,ratio,ci_low,ci_high,verdict\nc,1,2,2.5,1.25,1.2,1.31,slower\n';
  const [r] = parseLatencyAbCsv(old, 'old.csv');
  assert.equal(r!.clock, undefined);
  assert.equal(r!.ratio, 1.25);
  assert.throws(() => parseLatencyAbCsv(text.replace(',cpu', ',gpu'), 'x.csv'), /^InputError: x\.csv:2: clock "gpu", expected one of cpu, wall$/);
  assert.throws(() => parseLatencyAbCsv(old.replace(',slower', ',slower,cpu'), 'old.csv'), /old\.csv:2: 9 fields, expected 8/);
});
