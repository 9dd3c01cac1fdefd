// Base vs head latency, side by side: the sequential measurement (latency/ab-measure.ts) driven by the verdict
// rule (ab-verdict.ts), one LatencyAbRow per pair with both sides. Used by `zsnas run --base-ref` and the bench.
import { cpuClockMs, measureAb, type AbPair, type AbSamples } from '../latency/ab-measure.js';
import type { LatencyWorkload } from '../latency/measure.js';
import { abDecide, lookSchedule, type AbDecision } from './ab-verdict.js';
import type { LatencyAbRow } from './ab-types.js';
import type { LatencyConfig, Thresholds } from '../spec/types.js';

/** Wall-clock budget of the side-by-side rounds when the spec sets no latency.ab_budget_s. */
export const DEFAULT_AB_BUDGET_MS = 50_000;
const MAX_AB_ROUNDS = 5000;
/** The reference workload (a load indicator in the report) runs about once a second, not every few rounds. */
const REFERENCE_INTERVAL_MS = 1000;
/** Planned round cap = this many times the rounds the warm-up's pace fits in the budget. */
const ROUND_MARGIN = 4;

export interface AbLatencyConfig {
  /** The judging thresholds (from the base side): total error rate and the relative effect that matters. */
  alpha: number;
  minEffect: number;
  /** Wall-clock budget of the rounds, all pairs together. */
  budgetMs: number;
  warmup: number;
  /** First look after this many rounds; also the sample count of one-sided (added/removed) archs. */
  minRounds: number;
  maxRounds: number;
  seed: number;
  /**
   * What the verdict compares: 'cpu' = this process's CPU time per run (single-threaded backends: immune to
   * preemption by neighbours), 'wall' = elapsed time (multi-threaded backends, where CPU time sums threads).
   */
  clock: 'cpu' | 'wall';
}

export interface AbLatencyResult {
  rows: LatencyAbRow[];
  /** Raw samples per pair key on the verdict's clock (aligned by round for pairs with both sides). */
  samples: Map<string, AbSamples>;
  /** The same runs on the wall clock. */
  wallSamples: Map<string, { base: number[]; head: number[] }>;
  decisions: Map<string, AbDecision>;
  extraSamples: number[];
  rounds: number;
  elapsedMs: number;
}

/** Pairs are keyed `${arch}@${batch}`; `arch` and `batch` label the rows. */
export interface AbLatencyPair extends AbPair {
  arch: string;
  batch: number;
}

/** The A/B settings of a spec: its latency section, judged by the given (base side's) thresholds. */
export function abLatencyConfig(lat: LatencyConfig, t: Thresholds, seed: number, threads = 1): AbLatencyConfig {
  return {
    clock: threads === 1 ? 'cpu' : 'wall',
    alpha: t.latencyAlpha, minEffect: t.latencyMinEffect, budgetMs: lat.abBudgetMs ?? DEFAULT_AB_BUDGET_MS,
    warmup: lat.warmup, minRounds: lat.minSamples, maxRounds: Math.max(lat.maxSamples, MAX_AB_ROUNDS), seed,
  };
}

/**
 * Looks and round cap for a measurement whose warm-up round took `roundMs`: the rounds that fit in the budget at
 * that pace, times ROUND_MARGIN (pairs decided early make later rounds shorter, load may drop), capped by
 * cfg.maxRounds. K = its looks + the final one is fixed before any judged sample, so Bonferroni over K holds.
 */
export function abPlan(cfg: Pick<AbLatencyConfig, 'budgetMs' | 'minRounds' | 'maxRounds'>, roundMs: number): { looks: number[]; maxRounds: number } {
  const fit = Math.ceil(cfg.budgetMs / Math.max(roundMs, 1e-3));
  const maxRounds = Math.min(cfg.maxRounds, Math.max(cfg.minRounds, ROUND_MARGIN * fit));
  return { looks: lookSchedule(cfg.minRounds, maxRounds), maxRounds };
}

export async function latencyAb(pairs: readonly AbLatencyPair[], cfg: AbLatencyConfig, extra?: LatencyWorkload): Promise<AbLatencyResult> {
  // Without a warm-up there is no pace to plan from: looks up to cfg.maxRounds.
  let looks = lookSchedule(cfg.minRounds, cfg.maxRounds);
  const rule = { alpha: cfg.alpha, minEffect: cfg.minEffect, looks: looks.length + 1, seed: cfg.seed };
  const decisions = new Map<string, AbDecision>();
  const m = await measureAb(pairs, {
    seed: cfg.seed, warmup: cfg.warmup, looks, maxRounds: cfg.maxRounds, budgetMs: cfg.budgetMs,
    oneSidedRounds: cfg.minRounds, extra, extraIntervalMs: REFERENCE_INTERVAL_MS, ...(cfg.clock === 'cpu' ? { clock: cpuClockMs } : {}),
    plan(roundMs) {
      const p = abPlan(cfg, roundMs);
      looks = p.looks;
      rule.looks = looks.length + 1;
      return p;
    },
    decide(key, base, head, look) {
      const d = abDecide(base, head, look, rule);
      decisions.set(key, d);
      return d.verdict !== 'continue';
    },
  });
  const rows: LatencyAbRow[] = [];
  for (const p of pairs) {
    if (!p.base || !p.head) continue;
    const d = decisions.get(p.key);
    const s = m.pairs.get(p.key)!;
    // No look at all (the budget ended before the first one): judged once on what there is, as the final look.
    const final = d && d.verdict !== 'continue' ? d : abDecide(s.base, s.head, { index: looks.length, final: true }, rule);
    decisions.set(p.key, final);
    rows.push({
      arch: p.arch, batch: p.batch, baseMedianMs: final.baseMedianMs, headMedianMs: final.headMedianMs,
      ratio: final.ratio, ciLow: final.ciLow, ciHigh: final.ciHigh, verdict: final.verdict === 'continue' ? 'unsure' : final.verdict,
      clock: cfg.clock,
    });
  }
  return { rows, samples: m.pairs, wallSamples: m.wallPairs, decisions, extraSamples: m.extraSamples, rounds: m.rounds, elapsedMs: m.elapsedMs };
}
