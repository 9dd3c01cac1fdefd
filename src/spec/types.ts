// The resolved experiment spec: every optional field filled with its default by spec/load.ts.
import type { MacroArch } from '../spaces/macro/types.js';

export type DatasetName = 'cifar10' | 'cifar100' | 'ImageNet16-120';
export type BackendChoice = 'auto' | 'node' | 'wasm' | 'cpu';
/** What times latency: onnxruntime-node on the exported ONNX graph, or the tfjs backend; auto = onnxruntime where it loads. */
export type LatencyEngineChoice = 'auto' | 'onnxruntime' | 'tfjs';
export const LATENCY_ENGINES: readonly LatencyEngineChoice[] = ['auto', 'onnxruntime', 'tfjs'];
/** What computes the proxies' gradient passes: onnxruntime-node on an explicit backward graph, or tfjs autodiff. */
export type ProxyEngineChoice = 'auto' | 'onnxruntime' | 'tfjs';
export const PROXY_ENGINES: readonly ProxyEngineChoice[] = ['auto', 'onnxruntime', 'tfjs'];

/** An NB201 arch under a name of its own (`archs: [{name: candidate, arch: '|...|'}]`): results use the name as its key. */
export interface NamedArch {
  name: string;
  arch: string;
}

export type ArchSelection =
  | { kind: 'list'; items: Array<string | number | NamedArch> }
  | { kind: 'sample'; n: number; seed: number }
  | { kind: 'all' };

export type CalibrationData =
  | {
      kind: 'cifar-bin'; path: string; batchSize: number; batches: number;
      /** 1 (CIFAR-10 layout, default) or 2 (official CIFAR-100 layout: coarse, fine; the fine label is used). */
      labelBytes?: 1 | 2;
    }
  | { kind: 'gaussian'; seed: number; batchSize: number; batches: number };

export interface ProxyConfig {
  name: string;
  /** Proxy-specific options, validated by the proxy itself. */
  options: Record<string, unknown>;
  /** Path of a user proxy module (relative to the spec file), for custom proxies. */
  module?: string;
}

/**
 * nb201-samsung: NB201 as SamsungLabs zero-cost-nas re-implemented it (cell convs with bias, cell BN without affine).
 * nats-sss: NATS-Bench's size search space (fixed cell, five channel counts `C1:C2:C3:C4:C5`).
 */
export type SpaceName = 'nb201' | 'nb201-samsung' | 'nats-sss' | 'keras' | 'macro' | 'onnx';

/** A user model (space keras, macro or onnx); `key` is its arch key in results. Paths are absolute. */
export type ModelRef =
  | { kind: 'keras'; key: string; path: string }
  | { kind: 'onnx'; key: string; path: string }
  | { kind: 'macro'; key: string; arch: MacroArch; file: string };

export interface LatencyConfig {
  enabled: boolean;
  batchSizes: number[];
  warmup: number;
  minSamples: number;
  maxSamples: number;
  /** Stop sampling an arch/batch once this much time was spent on it (after minSamples). */
  budgetMs: number;
  /** `zsnas run --base-ref`: wall-clock budget of the side-by-side base/head rounds (default 50 s). */
  abBudgetMs?: number;
  /** Absent = auto (latency/engine.ts). */
  engine?: LatencyEngineChoice;
  /** onnxruntime intra-op threads; absent = 1 (one core per inference, what process.cpuUsage of the A/B rule reads). */
  threads?: number;
}

export interface GroundTruthConfig {
  /** Local CSV path, or a URL fetched through data/download.ts (pinned sha256, cached). */
  path?: string;
  url?: string;
  sha256?: string;
  /** Accuracy column, e.g. c10_test_200e. */
  column: string;
}

export interface Thresholds {
  /** A rank-correlation drop larger than this (absolute) is a regression. */
  correlationDrop: number;
  /** Relative tolerance for per-arch scores when backends differ. */
  scoreRelTol: number;
  /** Latency: minimum relative effect (e.g. 0.05 = 5%) AND significance level alpha. */
  latencyMinEffect: number;
  latencyAlpha: number;
}

/** Weight initialisations a spec can choose (`init:`); graph/init.ts implements them. */
export const NETWORK_INITS = [
  'pytorch', 'kaiming_normal_fan_in', 'kaiming_normal_fan_out', 'kaiming_uniform_fan_in', 'kaiming_uniform_fan_out',
  'xavier_uniform', 'xavier_normal',
] as const;
export type NetworkInit = (typeof NETWORK_INITS)[number];

export interface ExperimentSpec {
  name: string;
  /** Absolute path of the spec file ('<embedded>' for built-in defaults). */
  file: string;
  space: SpaceName;
  /** Space keras / macro / onnx: the models to score (archs then selects among their keys: a list, or all). */
  models?: ModelRef[];
  archs: ArchSelection;
  dataset: DatasetName;
  data: CalibrationData;
  proxies: ProxyConfig[];
  latency: LatencyConfig;
  groundTruth?: GroundTruthConfig;
  baseline?: string;
  thresholds: Thresholds;
  output: string;
  seed: number;
  backend: BackendChoice;
  /** Engine of the proxies' gradient passes; absent = auto (proxies/passes/grad-engine.ts). */
  proxyEngine?: ProxyEngineChoice;
  /** Weight init where proxies use the network's default init; absent = pytorch. */
  init?: NetworkInit;
  /** Settings for `zsnas sweep` (spec/sweep.ts). */
  sweep?: { batchSizes: number[]; inits: NetworkInit[] };
}
