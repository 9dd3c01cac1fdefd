// Shapes of what a run produces. Every stage after scoring (compare, report, publish) reads only these.

/**
 * Outcome of one proxy on one architecture: never a crash, always a row. `unstable`: the proxy computed a value
 * but its own check says not to trust it (reason in run.json `unstable`); like nan/inf/error it is left out of
 * correlations.
 */
export type ScoreStatus = 'ok' | 'nan' | 'inf' | 'unstable' | 'error';

export interface ScoreRow {
  arch: string;
  proxy: string;
  value: number;
  status: ScoreStatus;
  seconds: number;
  /** Message for status 'error' (out of memory, unsupported layer, ...) or the reason for 'unstable'. */
  error?: string;
  /** Engine of the proxy's gradient passes: onnxruntime, tfjs, or onnxruntime+tfjs (absent: no gradient pass). */
  engine?: string;
  /** Why a pass fell back to tfjs. */
  engineNote?: string;
  /** How the proxy computed, where it has several methods (grasp: exact or finite-difference H·g). */
  method?: string;
}

export interface LatencyRow {
  arch: string;
  batch: number;
  median_ms: number;
  p25_ms: number;
  p75_ms: number;
  min_ms: number;
  cv: number;
  n: number;
  /** 95% confidence interval of the median (order-statistic based). */
  ci_low_ms: number;
  ci_high_ms: number;
  /** Median latency divided by the reference workload's median measured in the same run. */
  normalized: number;
}

/** Where a latency or score was measured: results are only compared like for like. */
export interface Fingerprint {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  tfjs: string;
  backend: string;
  /** The tfjs backend's threads, or the latency engine's intra-op threads where latencyEngine is set. */
  threads: number;
  /** The engine that timed latency when it is not tfjs, with its version: "onnxruntime 1.30.0". Absent = tfjs. */
  latencyEngine?: string;
}

/** What a run records of each proxy, so that later commands read its scores right without loading its module. */
export interface ProxyRecord {
  name: string;
  /** +1: a higher score predicts a better network; -1: a lower one. */
  direction: 1 | -1;
  /** A custom proxy's module (as the spec names it) and the sha256 of its source. */
  module?: string;
  moduleHash?: string;
}

export interface RunManifest {
  formatVersion: 1;
  name: string;
  spec: unknown;
  backend: string;
  versions: Record<string, string>;
  fingerprint: Fingerprint;
  seed: number;
  startedAt: string;
  finishedAt: string;
  timings: { totalSeconds: number; perProxySeconds: Record<string, number> };
  archs: string[];
  /** Each proxy's name and metadata, in the spec's order (absent in runs of zsnas before 0.1.1). */
  proxies?: ProxyRecord[];
  shard?: { index: number; count: number };
  /** `merge --partial`: which shards of `count` this result holds (absent when it holds them all). */
  shards?: { held: number[]; count: number };
  /** Messages of rows whose status is 'error' (scores.csv keeps five columns). */
  errors: Array<{ arch: string; proxy: string; error: string }>;
  /** Import and data notes a reader must see (an ONNX export with batch norm folded, images resized to a model). */
  warnings?: string[];
  /** `zsnas run --base-ref`: the base side (results in DIR/base/) and how latency was compared. */
  ab?: AbManifest;
  /** Why rows have status 'unstable' (absent in runs made before the status existed). */
  unstable?: Array<{ arch: string; proxy: string; reason: string }>;
  /** Each proxy's options as run, defaults included (absent in older runs). */
  proxyOptions?: Record<string, Record<string, unknown>>;
  /** Per proxy with gradient passes: which engine computed them over the archs, why any fell back to tfjs, and
   * which methods ran where a proxy has several (grasp's H·g: exact, finite-difference). */
  gradEngines?: Record<string, { engine: string; fallback?: string[]; methods?: string[] }>;
}

/**
 * Which commits the two sides of `zsnas run --base-ref` came from, and what the PR changed in how it is judged.
 * Re-exported by compare/ab-types.ts for the report; defined here so the run's own record needs nothing above it.
 */
export interface AbSides {
  /** Git ref or SHA of the base side as given (e.g. the PR's base SHA). */
  baseRef: string;
  baseSha?: string;
  headSha?: string;
  /** Archs only on one side (matched by key). */
  added: string[];
  removed: string[];
  /**
   * Files that decide how the PR is judged and that differ between base and head: the spec, its thresholds,
   * the baseline file, custom proxy modules. Empty when the PR does not change how it is judged.
   */
  judgingChanges: string[];
}

export interface AbManifest extends AbSides {
  /** The spec file relative to the repository root (read at baseSha for the base side). */
  specPath: string;
  /** What the side-by-side samples measured: 'cpu' = process CPU time per run, 'wall' = elapsed time. */
  clock: 'cpu' | 'wall';
  rounds: number;
  latencySeconds: number;
  /** Median wall time of the reference workload in the same rounds: a load indicator, never a rescale. */
  referenceMedianMs?: number;
  /** Set when the spec does not exist at the base commit (a PR that adds it): nothing to judge against. */
  noBase?: string;
}
