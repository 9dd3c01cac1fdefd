// The runs of a `sweep:` spec: one factor at a time around the spec's own setting. A run is a (batch size, init)
// pair; the spec's own pair is shared by both factors, so 8 batch sizes + 7 inits need 14 runs, not 15.
import type { ExperimentSpec, NetworkInit } from '../spec/types.js';
import type { SweepFactor } from '../stats/sensitivity.js';

export interface SweepRun {
  /** Folder name under the sweep's output: `b<batch>-<init>`. */
  id: string;
  batchSize: number;
  init: NetworkInit;
}

export interface SweepPlan {
  runs: SweepRun[];
  factors: SweepFactor[];
}

export const runId = (batchSize: number, init: string) => `b${batchSize}-${init}`;

export function sweepPlan(spec: ExperimentSpec): SweepPlan {
  if (!spec.sweep) throw new Error(`${spec.file}: no \`sweep:\` section (e.g. sweep: {batch_size: [1, 8, 64], init: [pytorch, xavier_normal]})`);
  const baseBatch = spec.data.batchSize;
  const baseInit: NetworkInit = spec.init ?? 'pytorch';
  const runs = new Map<string, SweepRun>();
  const use = (batchSize: number, init: NetworkInit) => {
    const id = runId(batchSize, init);
    if (!runs.has(id)) runs.set(id, { id, batchSize, init });
    return id;
  };
  const factors: SweepFactor[] = [];
  const { batchSizes, inits } = spec.sweep;
  if (batchSizes.length) {
    factors.push({
      name: 'batch_size',
      values: batchSizes.map((b) => ({ label: String(b), run: use(b, baseInit) })),
      reference: String(batchSizes.includes(baseBatch) ? baseBatch : batchSizes[0]),
    });
  }
  if (inits.length) {
    factors.push({
      name: 'init',
      values: inits.map((i) => ({ label: i, run: use(baseBatch, i) })),
      reference: inits.includes(baseInit) ? baseInit : inits[0],
    });
  }
  return { runs: [...runs.values()], factors };
}

/** The spec of one run: the sweep's spec with its batch size and init, writing under the sweep's folder. */
export function runSpec(spec: ExperimentSpec, run: SweepRun, outDir: string): ExperimentSpec {
  const { sweep: _sweep, init: _init, ...rest } = spec;
  return {
    ...rest,
    data: { ...spec.data, batchSize: run.batchSize },
    ...(run.init !== 'pytorch' ? { init: run.init } : {}),
    output: outDir,
    latency: { ...spec.latency, enabled: false },
  };
}
