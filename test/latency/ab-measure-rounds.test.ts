// measureAb: base and head of every undecided pair in each round, shuffled; the rule looks at the scheduled
// rounds; a decided pair stops; the budget ends everything with a final look, before a round would overrun it;
// a plan made from the warm-up's pace replaces the looks and the round cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureAb, type AbLook } from '../../src/latency/ab-measure.js';
import type { LatencyWorkload } from '../../src/latency/measure.js';

function bench(costs: Record<string, number>) {
  let t = 0;
  const calls: string[] = [];
  const w = (key: string): LatencyWorkload => ({ key, batch: 1, run: async () => { calls.push(key); t += costs[key]!; } });
  return { w, calls, clock: () => t };
}

test('paired rounds, looks on schedule, decided pairs stop, the budget ends with one final look', async () => {
  const b = bench({ 'a.base': 1, 'a.head': 2, 'b.base': 3, 'b.head': 3, 'c.head': 5 });
  const looks: Array<[string, AbLook, number]> = [];
  const res = await measureAb([
    { key: 'a', base: b.w('a.base'), head: b.w('a.head') },
    { key: 'b', base: b.w('b.base'), head: b.w('b.head') },
    { key: 'c', head: b.w('c.head') }, // added by the PR: timed, never judged
  ], {
    seed: 7, warmup: 1, looks: [4, 8], maxRounds: 100, budgetMs: 14 * 4 + 11 * 8, oneSidedRounds: 3,
    clock: b.clock, wallClock: b.clock,
    decide(key, base, head, look) {
      looks.push([key, look, base.length]);
      assert.equal(base.length, head.length, 'paired by round');
      return key === 'a' && look.index === 0; // a is decided at the first look
    },
  });
  assert.deepEqual(b.calls.slice(0, 5), ['a.base', 'a.head', 'b.base', 'b.head', 'c.head'], 'one warm-up run each, first');
  assert.deepEqual(looks, [
    ['a', { index: 0, final: false }, 4], ['b', { index: 0, final: false }, 4],
    ['b', { index: 1, final: false }, 8],
  ].concat(looks.slice(3)));
  const final = looks.at(-1)!;
  assert.equal(final[0], 'b');
  assert.equal(final[1].final, true);
  assert.equal(res.pairs.get('a')!.base.length, 4, 'a stopped when decided');
  assert.deepEqual(res.pairs.get('a')!.head, [2, 2, 2, 2]);
  assert.equal(res.pairs.get('a')!.decidedAtLook, 0);
  assert.equal(res.pairs.get('c')!.head.length, 3, 'one-sided pairs stop at oneSidedRounds');
  assert.equal(res.pairs.get('b')!.decidedAtLook, -1, 'b ran out of budget');
  assert.equal(res.rounds, res.pairs.get('b')!.base.length);
  // The budget counts warm-up and rounds, and holds: a round of b alone (6 ms) more would have ended past it.
  assert.ok(res.elapsedMs <= 14 * 4 + 11 * 8 && res.elapsedMs + 6 > 14 * 4 + 11 * 8, `elapsed ${res.elapsedMs}`);
  // Shuffled: within the rounds with both of b's runs, b.head is not always after b.base.
  const order = b.calls.slice(5).filter((k) => k.startsWith('b.'));
  const headFirst = order.filter((k, i) => i % 2 === 0 && k === 'b.head').length;
  assert.ok(headFirst > 0 && headFirst < order.length / 2, `b.head ran first in ${headFirst} of ${order.length / 2} rounds`);
});

test('the plan from the warm-up pace sets the looks and the round cap', async () => {
  const b = bench({ 'a.base': 2, 'a.head': 2 });
  const seen: number[] = [];
  const lengths: number[] = [];
  const res = await measureAb([{ key: 'a', base: b.w('a.base'), head: b.w('a.head') }], {
    seed: 1, warmup: 2, looks: [100], maxRounds: 1000, budgetMs: 1e9, oneSidedRounds: 3, clock: b.clock, wallClock: b.clock,
    plan(roundMs) { seen.push(roundMs); return { looks: [5, 10], maxRounds: 12 }; },
    decide(_key, base, _head, look) { lengths.push(base.length); assert.equal(look.final, base.length === 12); return false; },
  });
  assert.deepEqual(seen, [4], 'called once, with the last warm-up round (2 + 2 ms)');
  assert.deepEqual(lengths, [5, 10, 12], 'the planned looks, then the final look at the planned cap');
  assert.equal(res.rounds, 12);
});

test('the extra workload runs in the first round, then once its interval has passed, never more often', async () => {
  const b = bench({ 'a.base': 1, 'a.head': 1 });
  const starts: number[] = [];
  const extra = { key: 'ref', batch: 1, run: async () => { starts.push(b.clock()); await b.w('a.base').run(); } };
  const res = await measureAb([{ key: 'a', base: b.w('a.base'), head: b.w('a.head') }], {
    seed: 2, warmup: 0, looks: [], maxRounds: 30, budgetMs: 1e9, oneSidedRounds: 3, clock: b.clock, wallClock: b.clock,
    extra, extraIntervalMs: 10, decide: () => false,
  });
  assert.equal(res.extraSamples.length, starts.length);
  assert.ok(starts[0]! <= 2, 'in the first round');
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 10, `runs at ${starts}`);
  // 30 rounds of 2 ms + the extras' own 1 ms: about 70 ms, so 6 or 7 extra runs, not 30.
  assert.ok(starts.length >= 5 && starts.length <= 7, `${starts.length} extra runs`);
});
