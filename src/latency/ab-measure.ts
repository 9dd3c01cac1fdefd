// Side-by-side latency of a PR's base and head: every round times the base and the head workload of each
// undecided pair once, all in one order reshuffled per round by a seeded RNG. Machine load then hits base and
// head alike, and, because which of the two runs first is a coin flip per round, under "no change" the two
// labels of a round are exchangeable: the rule (compare/ab-verdict.ts) builds on exactly that.
// The rule is consulted at a fixed, growing schedule of rounds ("looks"); a pair it has decided stops sampling,
// so the remaining pairs get the time. The whole measurement has one wall-clock budget.

import { performance } from 'node:perf_hooks';
import { Rng } from '../engine/rng.js';
import type { LatencyWorkload } from './measure.js';

/** One arch and batch: base and head workloads; one of them is absent for an arch added or removed by the PR. */
export interface AbPair {
  key: string;
  base?: LatencyWorkload;
  head?: LatencyWorkload;
}

export interface AbSamples {
  /** Aligned by round for a pair with both sides: base[t] and head[t] were taken in the same round. */
  base: number[];
  head: number[];
  /** Index of the look that stopped the pair (-1 when the budget or maxRounds ended it). */
  decidedAtLook: number;
}

export interface AbLook {
  /** 0-based index of this look in the schedule. */
  index: number;
  /** True for the last look: the budget or maxRounds has ended; nothing is sampled after it. */
  final: boolean;
}

export interface AbMeasureOptions {
  seed: number;
  warmup: number;
  /** Rounds at which the rule looks, increasing (e.g. 20, 30, 45, ...). The final look comes in addition. */
  looks: readonly number[];
  /** Hard cap on rounds per pair. */
  maxRounds: number;
  /** Wall-clock budget of the rounds in ms (warm-up excluded). */
  budgetMs: number;
  /** Rounds for one-sided pairs (added/removed archs): they are timed until they have this many samples. */
  oneSidedRounds: number;
  /** The rule: true when the pair is decided (it stops sampling). Called only for pairs with both sides. */
  decide(key: string, base: readonly number[], head: readonly number[], look: AbLook): boolean;
  /**
   * Timed (wall clock) in the same order as the round's runs, in the first round and then in a round once
   * `extraIntervalMs` (default 0: every round) has passed since its last run: e.g. the reference workload, a load
   * indicator, whose cost (5-10 ms on tfjs wasm) must stay small next to the network runs the verdict needs.
   */
  extra?: LatencyWorkload;
  extraIntervalMs?: number;
  /** What a sample measures, in ms (default: wall clock). See cpuClockMs. */
  clock?: () => number;
  /** Wall clock of the budget, in ms (default performance.now). */
  wallClock?: () => number;
  /**
   * Called once after the warm-up with the wall time of its last round (all workloads once): returns the looks
   * and round cap to use instead of `looks` and `maxRounds`, so the rule can know, before any sample it judges,
   * how many looks can come (fewer looks, narrower intervals). Not called without a warm-up.
   */
  plan?(warmupRoundMs: number): { looks: readonly number[]; maxRounds: number };
}

/**
 * This process's CPU time in ms (user + system, microsecond resolution). On a shared machine a single-threaded
 * backend's CPU time is what the network costs: time spent preempted by neighbours is not in it, so it is far less
 * noisy than the wall clock under load, and base and head are still compared like for like.
 */
export function cpuClockMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface AbMeasurement {
  /** Samples on `clock`. */
  pairs: Map<string, AbSamples>;
  /** The same runs on the wall clock (what latency.csv reports). */
  wallPairs: Map<string, { base: number[]; head: number[] }>;
  extraSamples: number[];
  rounds: number;
  elapsedMs: number;
}

async function timed(w: LatencyWorkload, clock: () => number, wall: () => number): Promise<[number, number]> {
  const w0 = wall(), t0 = clock();
  try {
    await w.run();
  } catch (err) {
    throw new Error(`latency workload "${w.key}" (batch ${w.batch}) failed: ${(err as Error).message}`, { cause: err });
  }
  const t1 = clock(), w1 = wall();
  return [t1 - t0, w1 - w0];
}

export async function measureAb(pairs: readonly AbPair[], opts: AbMeasureOptions): Promise<AbMeasurement> {
  const wall = opts.wallClock ?? (() => performance.now());
  const clock = opts.clock ?? wall;
  const rng = Rng.keyed(opts.seed, 'latency-ab-order');
  const keys = new Set<string>();
  for (const p of pairs) {
    if (keys.has(p.key)) throw new Error(`measureAb: duplicate pair key "${p.key}"`);
    if (!p.base && !p.head) throw new Error(`measureAb: pair "${p.key}" has neither a base nor a head workload`);
    keys.add(p.key);
  }
  const increasing = (xs: readonly number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
  if (!increasing(opts.looks)) throw new Error('measureAb: looks must be increasing');
  const out = new Map<string, AbSamples>(pairs.map((p) => [p.key, { base: [], head: [], decidedAtLook: -1 }]));
  const wallOut = new Map(pairs.map((p) => [p.key, { base: [] as number[], head: [] as number[] }]));
  const start = wall(); // the budget includes the warm-up: it is the time the check costs
  const active = new Set(pairs.map((p) => p.key));
  let warmupRoundMs = NaN;
  for (let i = 0; i < opts.warmup; i++) {
    const r0 = wall();
    for (const p of pairs) {
      if (p.base) await timed(p.base, clock, wall);
      if (p.head) await timed(p.head, clock, wall);
    }
    warmupRoundMs = wall() - r0;
  }
  const planned = opts.plan && Number.isFinite(warmupRoundMs) ? opts.plan(warmupRoundMs) : undefined;
  const looks = planned?.looks ?? opts.looks;
  const maxRounds = planned?.maxRounds ?? opts.maxRounds;
  const extraSamples: number[] = [];
  if (!increasing(looks)) throw new Error('measureAb: planned looks must be increasing');
  let rounds = 0;
  let nextLook = 0;
  let lastRoundMs = 0;
  let lastExtra = -Infinity;
  const paired = (p: AbPair) => p.base !== undefined && p.head !== undefined;
  const look = (final: boolean) => {
    const index = nextLook++;
    for (const p of pairs) {
      if (!active.has(p.key)) continue;
      const s = out.get(p.key)!;
      if (paired(p) && opts.decide(p.key, s.base, s.head, { index, final })) {
        s.decidedAtLook = index;
        active.delete(p.key);
      }
    }
  };
  while (active.size > 0) {
    const order: Array<{ key: string; side: 'base' | 'head' | 'extra'; w: LatencyWorkload }> = [];
    for (const p of pairs) {
      if (!active.has(p.key)) continue;
      if (!paired(p) && out.get(p.key)![p.base ? 'base' : 'head'].length >= opts.oneSidedRounds) { active.delete(p.key); continue; }
      if (p.base) order.push({ key: p.key, side: 'base', w: p.base });
      if (p.head) order.push({ key: p.key, side: 'head', w: p.head });
    }
    if (order.length === 0) break;
    if (opts.extra && (rounds === 0 || wall() - lastExtra >= (opts.extraIntervalMs ?? 0))) {
      order.push({ key: '', side: 'extra', w: opts.extra });
    }
    for (let i = order.length - 1; i > 0; i--) { // Fisher-Yates
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const r0 = wall();
    for (const o of order) {
      if (o.side === 'extra') lastExtra = wall();
      const [ms, wallMs] = await timed(o.w, clock, wall);
      if (o.side === 'extra') extraSamples.push(wallMs);
      else { out.get(o.key)![o.side].push(ms); wallOut.get(o.key)![o.side].push(wallMs); }
    }
    rounds++;
    lastRoundMs = wall() - r0;
    // The budget holds: the next round is expected to take as long as this one, and would end past it.
    const outOfTime = wall() - start + lastRoundMs > opts.budgetMs || rounds >= maxRounds;
    if (outOfTime) {
      look(true);
      break;
    }
    if (nextLook < looks.length && rounds >= looks[nextLook]!) look(false);
  }
  return { pairs: out, wallPairs: wallOut, extraSamples, rounds, elapsedMs: wall() - start };
}
