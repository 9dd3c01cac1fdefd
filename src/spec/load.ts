// Reads an experiment spec (YAML) into a resolved ExperimentSpec, reporting every problem with file:line:col.
//
// ## Spec schema (snake_case in YAML, camelCase in ExperimentSpec). Defaults in brackets.
//
//   name:        required. Lowercase run name matching [a-z0-9][a-z0-9._-]* (used in output paths and reports).
//   space:       [nb201]  nb201 | nb201-samsung (SamsungLabs' re-implementation: cell convs with bias, cell BN
//                without affine) | nats-sss (NATS-Bench size space: arch strings C1:C2:C3:C4:C5, each in 8..64 by 8,
//                or indices 0..32767) | keras | macro | onnx (user models; see spec/models.ts and
//                docs/model-repositories.md).
//   models:      space keras / macro / onnx only, required there: Keras JSON or ONNX paths ({name, path} to name
//                one), or macro architectures / YAML paths.
//                `archs` then is an optional list of model keys (default: every model).
//   dataset:     [cifar10]  cifar10 | cifar100 | ImageNet16-120. Sets input shape, classes, normalisation and
//                the default ground-truth column.
//   seed:        [0]  Integer 0..2^32-1. Weight-init seed; also the default for archs.sample.seed and
//                data.gaussian.seed.
//   archs:       [{sample: {n: 8, seed: <seed>}}]  Which architectures to score, one of
//                  all                          every arch of the space (NB201 15,625; nats-sss 32,768)
//                  - <arch string> | <index>    a list: arch strings (checked by the space) or indices
//                                               (NB201 0..15624; nats-sss 0..32767)
//                  - {name: candidate, arch: '|...|'}   NB201: an arch under a name; results and the A/B comparison
//                                               (`run --base-ref`) key it by the name, so a PR may change the arch
//                  sample: {n, seed: <seed>}    n distinct indices drawn with the seeded RNG
//   data:        Calibration batches fed to data-dependent proxies.
//                  gaussian: {seed: <seed>}     [default] N(0,1) images, uniform labels; no files needed
//                  cifar_bin: <path>            a CIFAR binary file (1 label byte + 3072 pixel bytes per record),
//                  cifar_bin: {path, label_bytes: 1|2}   label_bytes 2 = official CIFAR-100 (coarse, fine)
//                                               (`cifar-bin` is accepted as a spelling of `cifar_bin`)
//                  batch_size: [64]             records per batch (consecutive records of the file)
//                  batches: [2]                 number of batches (ZiCo uses two)
//   proxies:     [[params, flops, grad_norm]]  A list of names, or maps {name, options: {...}, module: ./p.js}.
//                Names must be registered proxies unless `module` points at a user proxy module.
//   latency:     true | false | a map:  enabled [true], batch_sizes [[1]], warmup [5], min_samples [20],
//                max_samples [100] (>= min_samples), budget_ms [2000] (per arch and batch size, after min_samples),
//                ab_budget_s [50] (`run --base-ref`: wall-clock budget of the side-by-side base/head rounds;
//                min_samples is then the first look of the verdict rule, see compare/ab-verdict.ts),
//                engine [auto] (onnxruntime | tfjs; auto = onnxruntime where onnxruntime-node loads, else tfjs),
//                threads [1] (onnxruntime intra-op threads).
//   ground_truth: [none]  {path: <csv>} or {url, sha256} (downloaded once, verified, cached), plus
//                column [c10_test_200e | c100_test_200e | in16_test_200e by dataset].
//   baseline:    [none]  Path of the baseline results JSON to compare against.
//   thresholds:  correlation_drop [0.05] (absolute rank-correlation drop that fails), score_rel_tol [1e-4],
//                latency_min_effect [0.05] (relative), latency_alpha [0.01] (significance level, 0 < a < 1).
//   output:      [out/<name> under the working directory]  Output folder.
//   backend:     [auto]  auto | node | wasm | cpu.
//   proxy_engine: [auto]  auto | onnxruntime | tfjs: what computes the proxies' gradient passes and naswot's and
//                zen's forwards (onnxruntime-node on explicit ONNX graphs; auto = onnxruntime where it loads and the
//                graph's ops have backward rules, else tfjs). run.json says which engine computed each proxy.
//   init:        [pytorch]  Weight initialisation of the network wherever a proxy uses its default init:
//                pytorch | kaiming_normal_fan_in | kaiming_normal_fan_out | kaiming_uniform_fan_in |
//                kaiming_uniform_fan_out | xavier_uniform | xavier_normal (graph/init.ts). Proxies with their
//                own init (zen, linear_regions: Gaussian) keep it.
//   sweep:       [none]  {batch_size: [1, 2, ...], init: [pytorch, xavier_normal, ...]}: the settings `zsnas sweep`
//                runs, one factor at a time (spec/sweep.ts).
//
// Relative paths (data.cifar_bin, proxies[].module, ground_truth.path, baseline, output) are resolved against the
// spec file's directory (opts.baseDir overrides it; the working directory for the embedded default spec), and are
// absolute in the result. They must stay inside the spec's repository (data files: or the data folder) unless
// opts.allowOutsidePaths (containment.ts). Unknown keys are errors, with the nearest valid name suggested. An explicit YAML null
// (`key:` with nothing after it) means "use the default".
import { readTextFile } from '../io/json.js';
import { InputError } from '../io/input-error.js';
import { MAX_SPEC_DEPTH, yamlNesting } from './depth.js';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { SpecError } from './errors.js';
import { outsideProblem, pathPolicy, type PathUse } from './containment.js';
import { Reader, type YNode } from './reader.js';
import {
  readArchs, readData, readGroundTruth, readLatency, readProxies, readThresholds, type SectionContext,
} from './sections.js';
import { readModels, readModelSelection } from './models.js';
import { readSweep } from './sweep.js';
import { NATS_SSS_SIZE } from '../spaces/nats-sss/arch.js';
import type { BackendChoice, DatasetName, ExperimentSpec, ModelRef, SpaceName } from './types.js';
import { NETWORK_INITS, PROXY_ENGINES } from './types.js';

export interface ParseOptions {
  /** Registered proxy names; when given, proxies without a `module` must be one of them. */
  knownProxies?: readonly string[];
  /** Checks a registered proxy's options against its metadata (see SectionContext). */
  proxyOptionProblems?: SectionContext['proxyOptionProblems'];
  proxyBatches?: SectionContext['proxyBatches'];
  /** Checks an arch string of a space; returns a message describing the problem, or null when valid. */
  validateArch?: (s: string, space: SpaceName) => string | null;
  /** Directory that relative paths are resolved against (default: the spec file's directory). */
  baseDir?: string;
  /** Directory the default output folder lives under (default: process.cwd()). */
  cwd?: string;
  /**
   * Where a file the spec names really is (default: resolved against baseDir). The base side of
   * `zsnas run --base-ref` maps repository files to their copies read from the base commit.
   */
  resolvePath?: (relative: string, baseDir: string) => string;
  /** Accept paths outside the repository (`--allow-outside-paths`); see containment.ts. */
  allowOutsidePaths?: boolean;
  /** The folder the spec really lives in, when it is parsed from a copy (the base side of `run --base-ref`). */
  containFrom?: string;
}

export const EMBEDDED_FILE = '<embedded>';
export const MAX_SPEC_BYTES = 1024 * 1024;
export const DATASET_NAMES: readonly DatasetName[] = ['cifar10', 'cifar100', 'ImageNet16-120'];
export const BACKENDS: readonly BackendChoice[] = ['auto', 'node', 'wasm', 'cpu'];
const TOP_KEYS = [
  'name', 'space', 'models', 'dataset', 'seed', 'archs', 'data', 'proxies', 'latency', 'ground_truth', 'baseline',
  'thresholds', 'output', 'backend', 'proxy_engine', 'init', 'sweep',
] as const;
const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Parses and validates spec text. `file` is used in messages (as given) and in `spec.file` (absolute). */
export function parseSpec(text: string, file: string, opts: ParseOptions = {}): ExperimentSpec {
  const embedded = file === EMBEDDED_FILE;
  const cwd = opts.cwd ?? process.cwd();
  const baseDir = opts.baseDir ?? (embedded ? cwd : dirname(resolve(cwd, file)));
  const nesting = yamlNesting(text);
  if (nesting.depth > MAX_SPEC_DEPTH) {
    throw new InputError(`${file}:${nesting.line}: nested more than ${MAX_SPEC_DEPTH} levels deep; a spec needs a handful`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const r = new Reader(file, lc, doc);
  if (doc.errors.length > 0) {
    for (const e of doc.errors) r.syntax(e.pos[0], e.message);
    throw new SpecError(r.issues);
  }
  r.checkAliases();
  if (r.issues.length > 0) throw new SpecError(r.issues);
  const root = doc.contents as YNode;
  const m = r.map(root, '', TOP_KEYS, 'a map of spec fields (name, archs, proxies, ...)');
  if (!m) throw new SpecError(r.issues);
  const v = (k: string) => m.get(k)?.value;
  const has = (k: string) => r.present(v(k));

  const nameEntry = r.need(m, root, '', 'name', 'a name matching [a-z0-9][a-z0-9._-]*, at most 100 characters');
  const name = nameEntry && r.str(nameEntry.value, 'name', NAME_RE, 'a name matching [a-z0-9][a-z0-9._-]*, at most 100 characters');
  const space = has('space') ? r.oneOf(v('space'), 'space', ['nb201', 'nb201-samsung', 'nats-sss', 'keras', 'macro', 'onnx'] as const) : 'nb201';
  const dataset = has('dataset') ? r.oneOf(v('dataset'), 'dataset', DATASET_NAMES) : 'cifar10';
  const seed = has('seed') ? r.int(v('seed'), 'seed', 0, 0xffffffff) : 0;
  const backend = has('backend') ? r.oneOf(v('backend'), 'backend', BACKENDS) : 'auto';
  const init = has('init') ? r.oneOf(v('init'), 'init', NETWORK_INITS) : 'pytorch';
  const proxyEngine = has('proxy_engine') ? r.oneOf(v('proxy_engine'), 'proxy_engine', PROXY_ENGINES) : 'auto';
  const sss = space === 'nats-sss';
  const specDir = opts.containFrom ?? baseDir;
  const policy = opts.allowOutsidePaths || embedded ? undefined : pathPolicy(specDir);
  const contain = (node: YNode, field: string, p: string, use: PathUse): boolean => {
    const problem = policy && outsideProblem(resolve(specDir, p), use, policy);
    if (!problem) return true;
    r.fail(node, field, `"${p}" (${resolve(specDir, p)})`, problem, ' (or run with --allow-outside-paths)');
    return false;
  };
  const ctx: SectionContext = {
    contain,
    baseDir, resolvePath: (p) => (opts.resolvePath ? opts.resolvePath(p, baseDir) : resolve(baseDir, p)), seed: seed ?? 0, dataset: dataset ?? 'cifar10', knownProxies: opts.knownProxies,
    proxyOptionProblems: opts.proxyOptionProblems, proxyBatches: opts.proxyBatches,
    validateArch: opts.validateArch && ((a: string) => opts.validateArch!(a, space ?? 'nb201')),
    ...(sss ? { archSpace: { label: 'NATS-Bench SSS', size: NATS_SSS_SIZE } } : {}),
  };
  let models: ModelRef[] | undefined;
  const userSpace = space === 'keras' || space === 'macro' || space === 'onnx';
  if (userSpace) {
    const me = r.need(m, root, '', 'models', 'a list of models (ONNX .onnx paths, Keras .json paths, macro .yml paths, inline macro architectures)');
    models = me && readModels(r, me.value, ctx);
  } else if (has('models')) {
    r.fail(m.get('models')!.key, 'models', 'models with space nb201', 'models only with space: keras, macro or onnx');
  }
  const archs = userSpace ? readModelSelection(r, v('archs'), models) : readArchs(r, v('archs'), ctx);
  const data = readData(r, v('data'), ctx);
  const proxies = readProxies(r, v('proxies'), ctx, data?.batches);
  const latency = readLatency(r, v('latency'));
  const groundTruth = readGroundTruth(r, v('ground_truth'), ctx);
  const thresholds = readThresholds(r, v('thresholds'));
  const sweep = readSweep(r, v('sweep'));
  const path = (k: string) => (has(k) ? r.str(v(k), k, undefined, 'a path') : undefined);
  const baseline = path('baseline');
  const output = path('output');
  // Both are written (`baseline update`, every run): never outside the repository without the flag.
  if (baseline !== undefined) contain(v('baseline'), 'baseline', baseline, 'write');
  if (output !== undefined) contain(v('output'), 'output', output, 'write');

  if (r.issues.length > 0) throw new SpecError(r.issues);
  const spec: ExperimentSpec = {
    name: name!,
    file: embedded ? EMBEDDED_FILE : resolve(cwd, file),
    space: space!,
    ...(models ? { models } : {}),
    archs: archs!,
    dataset: dataset!,
    data: data!,
    proxies: proxies!,
    latency: latency!,
    thresholds: thresholds!,
    output: output !== undefined ? resolve(baseDir, output) : resolve(cwd, 'out', name!),
    seed: seed!,
    backend: backend!,
  };
  // Only a non-default init is written, so the resolved spec (and run.json) of existing experiments is unchanged.
  if (init !== 'pytorch') spec.init = init;
  if (proxyEngine !== 'auto') spec.proxyEngine = proxyEngine;
  if (sweep) spec.sweep = sweep;
  if (groundTruth) spec.groundTruth = groundTruth;
  if (baseline !== undefined) spec.baseline = ctx.resolvePath(baseline);
  return spec;
}

/** Reads and parses a spec file; messages name the path as given. */
export function loadSpec(path: string, opts: ParseOptions = {}): ExperimentSpec {
  // Specs are small: a megabyte is far beyond any real one and keeps a binary or runaway file to one message.
  const text = readTextFile(resolve(opts.cwd ?? process.cwd(), path), 'a YAML spec file', { maxBytes: MAX_SPEC_BYTES });
  return parseSpec(text, path, opts);
}
