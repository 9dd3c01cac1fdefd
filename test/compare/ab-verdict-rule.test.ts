import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/engine/rng.js';
import { abDecide, lookSchedule } from '../../src/compare/ab-verdict.js';

// Paired rounds as a shared machine gives them: a network cost with small jitter, plus, in most runs, extra time
// from neighbours (one-sided, heavy-tailed, shared in part by the two runs of a round).
function rounds(n: number, headFactor: number, seed: number, jitter = 0.01): { base: number[]; head: number[] } {
  const rng = new Rng(seed);
  const base: number[] = [], head: number[] = [];
  const noise = (roundLoad: number) => (rng.next() < 0.6 ? roundLoad * rng.next() * 8 : 0) + Math.abs(rng.normal()) * 0.05;
  for (let t = 0; t < n; t++) {
    const load = rng.next();
    base.push(10 * (1 + jitter * rng.normal()) + noise(load));
    head.push(10 * headFactor * (1 + jitter * rng.normal()) + noise(load));
  }
  return { base, head };
}

const rule = { alpha: 0.01, minEffect: 0.05, looks: 8, seed: 3 };
const look = { index: 3, final: false };

test('A/A: identical sides are judged same, with the interval inside the band around 1', () => {
  const { base, head } = rounds(200, 1, 1);
  const d = abDecide(base, head, look, rule);
  assert.equal(d.verdict, 'same');
  assert.ok(d.ciLow >= 1 / 1.05 && d.ciHigh <= 1.05, `CI [${d.ciLow}, ${d.ciHigh}]`);
  assert.ok(d.ciLow <= d.ratio && d.ratio <= d.ciHigh);
  assert.ok(d.pNoChange > 0.01, `p = ${d.pNoChange}`);
});

test('a head 10% slower is judged slower, its interval above 1.05 and around 1.10', () => {
  const { base, head } = rounds(200, 1.1, 2);
  const d = abDecide(base, head, look, rule);
  assert.equal(d.verdict, 'slower');
  assert.ok(d.ciLow > 1.05, `CI low ${d.ciLow}`);
  assert.ok(Math.abs(d.ratio - 1.1) < 0.03, `ratio ${d.ratio}`);
  const faster = abDecide(head, base, look, rule);
  assert.equal(faster.verdict, 'faster');
});

test('a short budget ends undecided: continue before the final look, unsure at it, never same for a real slowdown', () => {
  const { base, head } = rounds(12, 1.1, 4, 0.1); // a noisier machine: 10% jitter per run
  assert.equal(abDecide(base, head, { index: 0, final: false }, rule).verdict, 'continue');
  assert.equal(abDecide(base, head, { index: 0, final: true }, rule).verdict, 'unsure');
  // Too few rounds to compute anything: unsure at the final look too.
  assert.equal(abDecide([10, 11], [10, 11], { index: 0, final: true }, rule).verdict, 'unsure');
});

test('the look schedule grows geometrically from the first look and stays below the cap', () => {
  assert.deepEqual(lookSchedule(20, 200), [20, 40, 80, 160]);
  assert.deepEqual(lookSchedule(20, 200, 1.5), [20, 30, 45, 68, 102, 153]);
  assert.throws(() => abDecide([1, 2], [1], look, rule), /paired by round/);
});
