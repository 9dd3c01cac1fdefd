// The latency stage of a run: every (arch, batch) plus the reference workload, timed in interleaved rounds.
import type { Graph } from '../graph/ir.js';
import type { Fingerprint, LatencyRow } from '../results.js';
import type { LatencyConfig } from '../spec/types.js';
import { measureLatency } from '../latency/measure.js';
import { createReferenceWorkload, REFERENCE_KEY, REFERENCE_VERSION } from '../latency/reference.js';
import { summarizeLatency } from '../latency/summarize.js';
import { writeLatencyResults } from '../latency/csv.js';
import { median } from '../stats/descriptive.js';
import { createNetworkWorkload, describeEngine, type LatencyEngine } from '../latency/engine.js';
import type { NetworkWorkload } from '../latency/networks.js';
import { createProgress } from './progress.js';

export async function runLatency(
  archs: Array<{ arch: string; graph: Graph }>,
  cfg: LatencyConfig,
  seed: number,
  fingerprint: Fingerprint,
  outDir: string,
  engine: LatencyEngine,
): Promise<LatencyRow[]> {
  const workloads: Array<{ arch: string; workload: NetworkWorkload }> = [];
  const reference = createReferenceWorkload();
  const progress = createProgress(archs.length * cfg.batchSizes.length + 1, 'latency');
  let reported = 0;
  try {
    for (const { arch, graph } of archs) {
      for (const b of cfg.batchSizes) workloads.push({ arch, workload: await createNetworkWorkload(engine, graph, arch, b, seed) });
    }
    const results = await measureLatency([...workloads.map((w) => w.workload), reference], cfg, {
      seed,
      onProgress: (done, total) => {
        // measureLatency counts samples; show whole workloads' worth of progress.
        const perWorkload = total / (workloads.length + 1);
        while (reported < Math.floor(done / perWorkload) && reported < workloads.length + 1) {
          reported++;
          progress.tick();
        }
      },
    });
    while (reported++ < workloads.length + 1) progress.tick();
    progress.done();
    const refSamples = results.get(REFERENCE_KEY)?.samples ?? [];
    const refMedian = refSamples.length ? median(refSamples) : NaN;
    const rows = workloads.map((w) => summarizeLatency(w.arch, w.workload.batch, results.get(w.workload.key)!.samples, refMedian));
    await writeLatencyResults(outDir, {
      fingerprint,
      reference: { version: REFERENCE_VERSION, samples_ms: refSamples },
      rows,
      samples: workloads.map((w) => ({ arch: w.arch, batch: w.workload.batch, samples_ms: results.get(w.workload.key)!.samples })),
    });
    return rows;
  } finally {
    for (const w of workloads) w.workload.dispose();
    reference.dispose();
  }
}

/** Says once which engine times latency, and why `auto` fell back to tfjs. */
export function logLatencyEngine(engine: LatencyEngine, log: (line: string) => void): void {
  log(`latency engine: ${describeEngine(engine)}${engine.fallbackReason ? ` (${engine.fallbackReason})` : ''}`);
}
