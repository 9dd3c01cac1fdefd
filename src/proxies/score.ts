// Scores one architecture with a list of proxies: every proxy yields a row (ok / nan / inf / unstable / error), never a
// crash, and the arch's tensors are all released afterwards.
import * as tf from '@tensorflow/tfjs';
import type { Graph } from '../graph/ir.js';
import type { InitScheme } from '../graph/init.js';
import type { ScoreRow, ScoreStatus } from '../results.js';
import { ArchContext } from './context.js';
import type { CalibrationBatch, Proxy } from './types.js';
import { UnstableScore } from './unstable.js';
import type { ProxyEngineChoice } from '../spec/types.js';

export interface ProxyRun {
  proxy: Proxy;
  options: Record<string, unknown>;
}

export function statusOf(value: number): ScoreStatus {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return 'inf';
  return 'ok';
}

export async function scoreArch(
  graph: Graph,
  archKey: string,
  runs: ProxyRun[],
  seed: number,
  batches: readonly CalibrationBatch[],
  init: InitScheme = 'pytorch',
  gradEngine: ProxyEngineChoice = 'auto',
): Promise<ScoreRow[]> {
  const ctx = new ArchContext(graph, archKey, seed, batches, init, gradEngine);
  const rows: ScoreRow[] = [];
  try {
    for (const { proxy, options } of runs) {
      const t0 = performance.now();
      try {
        const value = await proxy.compute(ctx, options);
        if (typeof value !== 'number') throw new Error(`proxy ${proxy.name} returned ${typeof value}, expected a number`);
        rows.push({ arch: archKey, proxy: proxy.name, value, status: statusOf(value), seconds: (performance.now() - t0) / 1000, ...engineFields(ctx) });
      } catch (e) {
        if (e instanceof UnstableScore) {
          rows.push({ arch: archKey, proxy: proxy.name, value: e.value, status: 'unstable', seconds: (performance.now() - t0) / 1000, error: e.message, ...engineFields(ctx) });
          continue;
        }
        rows.push({
          arch: archKey, proxy: proxy.name, value: NaN, status: 'error',
          seconds: (performance.now() - t0) / 1000, error: describeError(e), ...engineFields(ctx),
        });
      }
    }
  } finally {
    // A backend that aborted (wasm heap exhausted) cannot free anything: the rows stand, the caller restarts it.
    try { await ctx.release(); } catch { /* see above */ }
  }
  return rows;
}

/** Which engines computed the proxy's gradient passes (none noted: the proxy ran no gradient pass). */
function engineFields(ctx: ArchContext): Pick<ScoreRow, 'engine' | 'engineNote' | 'method'> {
  const notes = ctx.takeEngineNotes();
  if (!notes.length) return {};
  const engines = [...new Set(notes.map((n) => n.engine))].sort();
  const reasons = [...new Set(notes.flatMap((n) => (n.reason ? [n.reason] : [])))];
  const methods = [...new Set(notes.flatMap((n) => (n.method ? [n.method] : [])))];
  return { engine: engines.join('+'), ...(reasons.length ? { engineNote: reasons.join('; ') } : {}), ...(methods.length ? { method: methods.join('+') } : {}) };
}

/** wasm's 4 GiB cap shows up as a RangeError/"memory access out of bounds": say what to do about it. */
export function describeError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/memory access out of bounds|out of memory|Array buffer allocation failed|Cannot enlarge memory|^Aborted\(/i.test(msg)) {
    return `out of memory (${msg.split('\n')[0]}); lower data.batch_size or use the node backend`;
  }
  return msg.split('\n')[0];
}

/** Number of live tensors, for leak checks. */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
