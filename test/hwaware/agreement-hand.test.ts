import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementTable } from '../../src/hwaware/agreement.js';

test('agreement: Spearman and Kendall of our measure against each device, NaN device cells dropped', () => {
  // Inserted out of key order on purpose: the result must not depend on map order.
  const latency = new Map([['e', 5], ['a', 1], ['c', 3], ['b', 2], ['d', 4]]);
  const measures = new Map([['latency_ms', latency]]);
  const devices = new Map([
    // ranks 2,1,4,3,5 vs 1..5: d = 1,1,1,1,0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8;
    // discordant pairs (a,b) and (c,d) of 10: tau = (8 - 2)/10 = 0.6
    ['dev_swapped', new Map([['a', 2], ['b', 1], ['c', 4], ['d', 3], ['e', 5]])],
    // e not measured (NaN): the other four are exactly reversed, rho = tau = -1 over n = 4
    ['dev_reversed', new Map([['a', 40], ['b', 30], ['c', 20], ['d', 10], ['e', NaN]])],
    // b missing from the device column altogether: dropped like a NaN; the rest in order, rho = tau = 1
    ['dev_partial', new Map([['a', 0.1], ['c', 0.3], ['d', 0.4], ['e', 0.5]])],
  ]);
  const rows = agreementTable(measures, devices);
  assert.deepEqual(rows.map((r) => [r.measure, r.device, r.n, r.dropped]), [
    ['latency_ms', 'dev_swapped', 5, 0],
    ['latency_ms', 'dev_reversed', 4, 1],
    ['latency_ms', 'dev_partial', 4, 1],
  ]);
  assert.ok(Math.abs(rows[0].spearman - 0.8) < 1e-12, `rho ${rows[0].spearman}`);
  assert.ok(Math.abs(rows[0].kendall - 0.6) < 1e-12, `tau ${rows[0].kendall}`);
  assert.equal(rows[1].spearman, -1);
  assert.equal(rows[1].kendall, -1);
  assert.equal(rows[2].spearman, 1);
  assert.equal(rows[2].kendall, 1);
});

test('agreement: a constant device column gives NaN with a reason, not a number', () => {
  const rows = agreementTable(
    new Map([['flops', new Map([['a', 1], ['b', 2], ['c', 3]])]]),
    new Map([['dev_flat', new Map([['a', 7], ['b', 7], ['c', 7]])]]),
  );
  assert.ok(Number.isNaN(rows[0].spearman) && Number.isNaN(rows[0].kendall));
  assert.match(rows[0].reason ?? '', /constant/);
});
