// Interleaved latency sampling. Every round times each still-active workload once, in an order reshuffled per
// round by a seeded RNG: slow machine drift (thermal, a neighbour VM's load, CPU steal) then spreads over all
// workloads instead of biasing whichever happened to run last, and base/head of a comparison see the same machine.

import { performance } from 'node:perf_hooks';
import { Rng } from '../engine/rng.js';
import { median } from '../stats/descriptive.js';
import type { LatencyConfig } from '../spec/types.js';

export interface LatencyWorkload {
  /** Unique key of the result (e.g. `${arch}@${batch}`). */
  key: string;
  batch: number;
  /**
   * One complete inference, awaited. It must include reading the result back (`await t.data()`), since tfjs
   * backends may return before the work is done, and dispose what it creates (tf.tidy / dispose).
   */
  run: () => Promise<void>;
}

export interface MeasureOptions {
  /** Called after each timed sample; total is the upper bound workloads x maxSamples (done reaches it at the end). */
  onProgress?(done: number, total: number): void;
  /** Clock in milliseconds (default performance.now); tests pass a fake one. */
  now?: () => number;
  /** Seed of the per-round order (default 0): the same seed gives the same sequence of orders. */
  seed?: number;
  /** Called with the order of each round (for tests and diagnostics). */
  onRound?(order: readonly string[]): void;
}

function validateConfig(cfg: LatencyConfig): void {
  const bad = (field: string, expected: string, got: unknown) =>
    new RangeError(`latency.${field}: expected ${expected}, got ${String(got)}`);
  if (!Number.isInteger(cfg.warmup) || cfg.warmup < 0) throw bad('warmup', 'an integer >= 0', cfg.warmup);
  if (!Number.isInteger(cfg.minSamples) || cfg.minSamples < 1) throw bad('minSamples', 'an integer >= 1', cfg.minSamples);
  if (!Number.isInteger(cfg.maxSamples) || cfg.maxSamples < cfg.minSamples) {
    throw bad('maxSamples', `an integer >= minSamples (${cfg.minSamples})`, cfg.maxSamples);
  }
  if (!(cfg.budgetMs >= 0)) throw bad('budgetMs', 'a number >= 0', cfg.budgetMs);
}

/**
 * Warm-up runs for each workload, then interleaved rounds until every workload has minSamples; beyond that a
 * workload keeps sampling (up to maxSamples) only while its timed total plus one more typical run stays within
 * budgetMs. Samples are in milliseconds, in the order taken.
 */
export async function measureLatency(
  workloads: readonly LatencyWorkload[],
  cfg: LatencyConfig,
  opts: MeasureOptions = {},
): Promise<Map<string, { samples: number[] }>> {
  validateConfig(cfg);
  const now = opts.now ?? (() => performance.now());
  const rng = Rng.keyed(opts.seed ?? 0, 'latency-order');
  const seen = new Set<string>();
  for (const w of workloads) {
    if (seen.has(w.key)) throw new Error(`measureLatency: duplicate workload key "${w.key}"`);
    seen.add(w.key);
  }
  const results = new Map<string, { samples: number[] }>();
  const spent = new Map<string, number>();
  for (const w of workloads) { results.set(w.key, { samples: [] }); spent.set(w.key, 0); }

  const runOnce = async (w: LatencyWorkload): Promise<void> => {
    try { await w.run(); } catch (err) {
      throw new Error(`latency workload "${w.key}" (batch ${w.batch}) failed: ${(err as Error).message}`, { cause: err });
    }
  };
  for (let i = 0; i < cfg.warmup; i++) for (const w of workloads) await runOnce(w);

  const total = workloads.length * cfg.maxSamples;
  let done = 0;
  const wantsMore = (w: LatencyWorkload): boolean => {
    const samples = results.get(w.key)!.samples;
    if (samples.length < cfg.minSamples) return true;
    if (samples.length >= cfg.maxSamples) return false;
    return spent.get(w.key)! + median(samples) <= cfg.budgetMs;
  };
  for (;;) {
    const order = workloads.filter(wantsMore);
    if (order.length === 0) break;
    for (let i = order.length - 1; i > 0; i--) { // Fisher-Yates
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    opts.onRound?.(order.map((w) => w.key));
    for (const w of order) {
      const t0 = now();
      await runOnce(w);
      const ms = now() - t0;
      results.get(w.key)!.samples.push(ms);
      spent.set(w.key, spent.get(w.key)! + ms);
      opts.onProgress?.(++done, total);
    }
  }
  if (done < total) opts.onProgress?.(total, total);
  return results;
}
