// Readers for the spec's nested sections. Each returns the resolved (camelCase, defaults filled) value, or
// undefined after recording issues on the Reader.
import { didYouMean } from './suggest.js';
import { sub, type Reader, type YNode } from './reader.js';
import { contained, type PathUse } from './containment.js';
import {
  LATENCY_ENGINES, type ArchSelection, type CalibrationData, type DatasetName, type GroundTruthConfig, type LatencyConfig,
  type LatencyEngineChoice, type NamedArch, type ProxyConfig, type Thresholds,
} from './types.js';

/** Number of NAS-Bench-201 architectures (5 ops on 6 edges). */
export const NB201_SIZE = 15625;

export const DEFAULT_PROXIES = ['params', 'flops', 'grad_norm'] as const;
export const DEFAULT_SAMPLE_N = 8;
export const DEFAULT_DATA = { batchSize: 64, batches: 2 } as const;
export const DEFAULT_LATENCY: LatencyConfig = {
  enabled: true, batchSizes: [1], warmup: 5, minSamples: 20, maxSamples: 100, budgetMs: 2000,
};
export const DEFAULT_THRESHOLDS: Thresholds = {
  correlationDrop: 0.05, scoreRelTol: 1e-4, latencyMinEffect: 0.05, latencyAlpha: 0.01,
};
/** Ground-truth accuracy column per dataset (columns of nb201_accuracy.csv). */
export const DEFAULT_GT_COLUMN: Record<DatasetName, string> = {
  cifar10: 'c10_test_200e', cifar100: 'c100_test_200e', 'ImageNet16-120': 'in16_test_200e',
};

export interface SectionContext {
  baseDir: string;
  /** Absolute path of a file the spec names (relative to baseDir unless ParseOptions.resolvePath says otherwise). */
  resolvePath: (p: string) => string;
  /** False (with the problem recorded) when path `p` of `field` lies outside the repository (containment.ts). */
  contain?: (node: YNode, field: string, p: string, use: PathUse) => boolean;
  seed: number;
  dataset: DatasetName;
  validateArch?: (s: string) => string | null;
  knownProxies?: readonly string[];
  /** The benchmark space archs index into: its name in messages and its size [NB201, 15,625]. */
  archSpace?: { label: string; size: number };
  /** Problems of a registered proxy's options (unknown keys, values out of bounds), from its metadata. */
  proxyOptionProblems?: (name: string, options: Record<string, unknown>) => Array<{ key: string; expected: string; unknown?: boolean }>;
  /** Calibration batches a registered proxy reads with these options (0 when it needs no data). */
  proxyBatches?: (name: string, options: Record<string, unknown>) => number;
}

/** Arch names are result keys: no `|` (that would read as an arch string), nothing a CSV or a path chokes on. */
const ARCH_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ARCH_NAME_EXPECTED = 'a name matching [A-Za-z0-9][A-Za-z0-9._-]* (letters, digits, . _ -)';

/** `{name: candidate, arch: '|...|'}`: an NB201 arch string under a name, so a PR can change what `candidate` is. */
function readNamedArch(r: Reader, item: YNode, f: string, ctx: SectionContext): NamedArch | undefined {
  const m = r.map(item, f, ['name', 'arch'], 'a map {name, arch}');
  if (!m) return undefined;
  const ne = r.need(m, item, f, 'name', ARCH_NAME_EXPECTED);
  const name = ne && r.str(ne.value, sub(f, 'name'), ARCH_NAME_RE, ARCH_NAME_EXPECTED);
  const ae = r.need(m, item, f, 'arch', 'an NB201 arch string');
  const arch = ae && r.str(ae.value, sub(f, 'arch'), undefined, 'an NB201 arch string');
  if (arch !== undefined) {
    const problem = ctx.validateArch?.(arch) ?? null;
    if (problem !== null) return r.fail(ae!.value, sub(f, 'arch'), r.describe(ae!.value), `a valid NB201 arch string: ${problem}`);
  }
  return name === undefined || arch === undefined ? undefined : { name, arch };
}

export function readArchs(r: Reader, node: YNode, ctx: SectionContext): ArchSelection | undefined {
  const field = 'archs';
  const { label, size } = ctx.archSpace ?? { label: 'NB201', size: NB201_SIZE };
  const nb201 = label === 'NB201';
  const ARCHS_EXPECTED = `"all", a list of ${label} arch strings / indices${nb201 ? ' / {name, arch} maps' : ''}, or {sample: {n, seed}}`;
  const INDEX_EXPECTED = `${nb201 ? 'an' : 'a'} ${label} arch string${nb201 ? ', a map {name, arch}' : ''} or an index from 0 to ${size - 1}`;
  if (!r.present(node)) return { kind: 'sample', n: DEFAULT_SAMPLE_N, seed: ctx.seed };
  if (r.shape(node) === 'string' && r.toJS(node) === 'all') return { kind: 'all' };
  if (r.shape(node) === 'list') {
    const items = r.list(node, field)!;
    if (items.length === 0) return r.fail(node, field, 'an empty list', 'at least one arch');
    const out: Array<string | number | NamedArch> = [];
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const f = sub(field, i);
      if (r.shape(item) === 'map' && nb201) {
        const named = readNamedArch(r, item, f, ctx);
        if (!named) return;
        const before = seen.get(named.name);
        if (before !== undefined) return r.fail(item, sub(f, 'name'), `"${named.name}" again (also archs[${before}])`, 'each name once');
        seen.set(named.name, i);
        out.push(named);
        return;
      }
      const v = r.scalar(item, f, INDEX_EXPECTED);
      if (v === undefined) return;
      if (typeof v === 'number') {
        if (r.int(item, f, 0, size - 1) === undefined) return;
      } else if (typeof v === 'string' && v !== '') {
        const problem = ctx.validateArch?.(v) ?? null;
        if (problem !== null) return r.fail(item, f, r.describe(item), `a valid ${label} arch string: ${problem}`);
      } else return r.fail(item, f, r.describe(item), INDEX_EXPECTED);
      const before = seen.get(v);
      if (before !== undefined) return r.fail(item, f, `${r.describe(item)} again (also archs[${before}])`, 'each arch once');
      seen.set(v, i);
      out.push(v);
    });
    return out.length === items.length ? { kind: 'list', items: out } : undefined;
  }
  const top = r.map(node, field, ['sample'], ARCHS_EXPECTED);
  if (!top) return undefined;
  const s = r.need(top, node, field, 'sample', 'a map {n, seed}');
  if (!s) return undefined;
  const m = r.map(s.value, 'archs.sample', ['n', 'seed']);
  if (!m) return undefined;
  const n = r.need(m, s.value, 'archs.sample', 'n', `an integer from 1 to ${size}`);
  const nv = n && r.int(n.value, 'archs.sample.n', 1, size);
  const seedNode = m.get('seed')?.value;
  const seed = r.present(seedNode) ? r.int(seedNode, 'archs.sample.seed', 0, 0xffffffff) : ctx.seed;
  return nv === undefined || seed === undefined ? undefined : { kind: 'sample', n: nv, seed };
}

export function readData(r: Reader, node: YNode, ctx: SectionContext): CalibrationData | undefined {
  const field = 'data';
  const base = { kind: 'gaussian' as const, seed: ctx.seed, ...DEFAULT_DATA };
  if (!r.present(node)) return base;
  const m = r.map(node, field, ['gaussian', 'cifar_bin', 'cifar-bin', 'batch_size', 'batches']);
  if (!m) return undefined;
  const get = (k: string) => m.get(k)?.value;
  const batchSize = r.present(get('batch_size')) ? r.int(get('batch_size'), 'data.batch_size', 1) : DEFAULT_DATA.batchSize;
  const batches = r.present(get('batches')) ? r.int(get('batches'), 'data.batches', 1) : DEFAULT_DATA.batches;
  const sources = [...m.keys()].filter((k) => k === 'gaussian' || k === 'cifar_bin' || k === 'cifar-bin');
  if (sources.length > 1) {
    return r.fail(m.get(sources[1])!.key, field, `both ${sources.join(' and ')}`, 'exactly one of gaussian, cifar_bin');
  }
  if (batchSize === undefined || batches === undefined) return undefined;
  const src = sources[0];
  if (src === undefined || src === 'gaussian') {
    const g = get('gaussian');
    if (!r.present(g)) return { ...base, batchSize, batches };
    const gm = r.map(g, 'data.gaussian', ['seed']);
    if (!gm) return undefined;
    const sn = gm.get('seed')?.value;
    const seed = r.present(sn) ? r.int(sn, 'data.gaussian.seed', 0, 0xffffffff) : ctx.seed;
    return seed === undefined ? undefined : { kind: 'gaussian', seed, batchSize, batches };
  }
  const f = `data.${src}`;
  const c = get(src);
  if (r.shape(c) !== 'map') {
    const p = r.str(c, f, undefined, 'a file path or a map {path, label_bytes}');
    return p === undefined || !contained(ctx, c, f, p, 'data') ? undefined : { kind: 'cifar-bin', path: ctx.resolvePath(p), batchSize, batches };
  }
  const cm = r.map(c, f, ['path', 'label_bytes'], 'a file path or a map {path, label_bytes}');
  if (!cm) return undefined;
  const pe = r.need(cm, c, f, 'path', 'a file path');
  const p = pe && r.str(pe.value, sub(f, 'path'), undefined, 'a file path');
  const lb = cm.get('label_bytes')?.value;
  const labelBytes = r.present(lb) ? r.int(lb, sub(f, 'label_bytes'), 1, 2) : 1;
  if (p === undefined || labelBytes === undefined || !contained(ctx, pe!.value, sub(f, 'path'), p, 'data')) return undefined;
  return { kind: 'cifar-bin', path: ctx.resolvePath(p), batchSize, batches, labelBytes: labelBytes as 1 | 2 };
}

/** Checks a registered proxy's options against its metadata, at each option's line:col. */
function checkOptions(r: Reader, optNode: YNode, field: string, name: string, options: Record<string, unknown>, ctx: SectionContext): boolean {
  const problems = ctx.proxyOptionProblems?.(name, options) ?? [];
  if (!problems.length) return true;
  const entries = r.map(optNode, field, Object.keys(options));
  for (const p of problems) {
    const e = entries?.get(p.key);
    if (p.unknown) r.fail(e?.key ?? optNode, sub(field, p.key), 'an unknown option', p.expected, didYouMean(p.key, p.expected.replace(/^one of /, '').split(', ')));
    else r.fail(e?.value ?? optNode, sub(field, p.key), r.describe(e?.value ?? null), p.expected);
  }
  return false;
}

/** `dataBatches`: the spec's data.batches, checked against what each proxy reads (zico: its `batches` option). */
export function readProxies(r: Reader, node: YNode, ctx: SectionContext, dataBatches?: number): ProxyConfig[] | undefined {
  if (!r.present(node)) return DEFAULT_PROXIES.map((name) => ({ name, options: {} }));
  const items = r.list(node, 'proxies', 'a list of proxy names or {name, options, module} maps');
  if (!items) return undefined;
  if (items.length === 0) return r.fail(node, 'proxies', 'an empty list', 'at least one proxy');
  const out: ProxyConfig[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const f = sub('proxies', i);
    let nameNode: YNode = item;
    let optNode: YNode = null;
    const nameField = sub(f, 'name'); // `proxies[2].name` for both spellings: it is that field of the result
    const cfg: ProxyConfig = { name: '', options: {} };
    if (r.shape(item) === 'map') {
      const m = r.map(item, f, ['name', 'options', 'module'], 'a proxy name or a map {name, options, module}');
      if (!m) return;
      const ne = r.need(m, item, f, 'name', 'a proxy name');
      if (!ne) return;
      nameNode = ne.value;
      const opt = m.get('options')?.value;
      if (r.present(opt)) {
        if (r.shape(opt) !== 'map') return r.fail(opt, sub(f, 'options'), r.describe(opt), 'a map of proxy options');
        cfg.options = r.toJS(opt) as Record<string, unknown>;
        optNode = opt;
      }
      const mod = m.get('module')?.value;
      if (r.present(mod)) {
        const p = r.str(mod, sub(f, 'module'), /\.m?js$/, 'a path to a .js or .mjs module');
        if (p === undefined || !contained(ctx, mod, sub(f, 'module'), p, 'code')) return;
        cfg.module = ctx.resolvePath(p);
      }
    }
    const known = ctx.knownProxies;
    const name = r.str(nameNode, nameField, undefined, known ? `one of ${known.join(', ')}` : 'a proxy name');
    if (name === undefined) return;
    if (known && cfg.module === undefined && !known.includes(name)) {
      return r.fail(nameNode, nameField, r.describe(nameNode), `one of ${known.join(', ')}`, didYouMean(name, known));
    }
    const before = seen.get(name);
    if (before !== undefined) return r.fail(nameNode, nameField, `"${name}" again (also proxies[${before}])`, 'each proxy once');
    seen.set(name, i);
    if (cfg.module === undefined && known) {
      if (!checkOptions(r, optNode ?? item, sub(f, 'options'), name, cfg.options, ctx)) return;
      const need = ctx.proxyBatches?.(name, cfg.options) ?? 0;
      if (dataBatches !== undefined && need > dataBatches) {
        return r.fail(nameNode, nameField, `"${name}", which reads ${need} calibration batches, with data.batches ${dataBatches}`,
          `data.batches >= ${need} (or fewer batches in its options)`);
      }
    }
    out.push({ ...cfg, name });
  });
  return out.length === items.length ? out : undefined;
}

export function readLatency(r: Reader, node: YNode): LatencyConfig | undefined {
  const field = 'latency';
  if (!r.present(node)) return { ...DEFAULT_LATENCY, batchSizes: [...DEFAULT_LATENCY.batchSizes] };
  if (r.shape(node) === 'boolean') {
    return { ...DEFAULT_LATENCY, batchSizes: [...DEFAULT_LATENCY.batchSizes], enabled: r.bool(node, field)! };
  }
  const keys = ['enabled', 'batch_sizes', 'warmup', 'min_samples', 'max_samples', 'budget_ms', 'ab_budget_s', 'engine', 'threads'];
  const m = r.map(node, field, keys, 'true, false or a map');
  if (!m) return undefined;
  const v = (k: string) => m.get(k)?.value;
  const opt = <T>(k: string, read: (n: YNode, f: string) => T | undefined, dflt: T) =>
    (r.present(v(k)) ? read(v(k), sub(field, k)) : dflt);
  const enabled = opt('enabled', (n, f) => r.bool(n, f), DEFAULT_LATENCY.enabled);
  const batchSizes = opt('batch_sizes', (n, f) => {
    const items = r.list(n, f, 'a list of batch sizes');
    if (!items) return undefined;
    if (items.length === 0) return r.fail(n, f, 'an empty list', 'at least one batch size');
    const sizes = items.map((it, i) => r.int(it, sub(f, i), 1));
    return sizes.every((s) => s !== undefined) ? (sizes as number[]) : undefined;
  }, [...DEFAULT_LATENCY.batchSizes]);
  const warmup = opt('warmup', (n, f) => r.int(n, f, 0), DEFAULT_LATENCY.warmup);
  const minSamples = opt('min_samples', (n, f) => r.int(n, f, 1), DEFAULT_LATENCY.minSamples);
  const maxSamples = opt('max_samples', (n, f) => r.int(n, f, 1), DEFAULT_LATENCY.maxSamples);
  const budgetMs = opt('budget_ms', (n, f) => r.num(n, f, 0, Infinity, true), DEFAULT_LATENCY.budgetMs);
  const abBudgetS = opt('ab_budget_s', (n, f) => r.num(n, f, 0, 3600, true), undefined as number | undefined);
  const engine = opt('engine', (n, f) => r.str(n, f, new RegExp(`^(${LATENCY_ENGINES.join('|')})$`), `one of ${LATENCY_ENGINES.join(', ')}`),
    undefined as string | undefined) as LatencyEngineChoice | undefined;
  const threads = opt('threads', (n, f) => r.int(n, f, 1, 256), undefined as number | undefined);
  if (minSamples !== undefined && maxSamples !== undefined && maxSamples < minSamples) {
    const at = r.present(v('max_samples')) ? v('max_samples') : v('min_samples');
    return r.fail(at, 'latency.max_samples', String(maxSamples), `an integer >= min_samples (${minSamples})`);
  }
  if ([enabled, batchSizes, warmup, minSamples, maxSamples, budgetMs].includes(undefined)) return undefined;
  if (r.present(v('ab_budget_s')) && abBudgetS === undefined) return undefined;
  if ((r.present(v('engine')) && engine === undefined) || (r.present(v('threads')) && threads === undefined)) return undefined;
  return {
    enabled: enabled!, batchSizes: batchSizes!, warmup: warmup!, minSamples: minSamples!, maxSamples: maxSamples!, budgetMs: budgetMs!,
    ...(abBudgetS !== undefined ? { abBudgetMs: abBudgetS * 1000 } : {}),
    ...(engine !== undefined ? { engine } : {}),
    ...(threads !== undefined ? { threads } : {}),
  };
}

export function readGroundTruth(r: Reader, node: YNode, ctx: SectionContext): GroundTruthConfig | undefined | null {
  const field = 'ground_truth';
  if (!r.present(node)) return null;
  const m = r.map(node, field, ['path', 'url', 'sha256', 'column']);
  if (!m) return undefined;
  const v = (k: string) => m.get(k)?.value;
  const colNode = v('column');
  const column = r.present(colNode) ? r.str(colNode, 'ground_truth.column', undefined, 'a column name') : DEFAULT_GT_COLUMN[ctx.dataset];
  const hasPath = r.present(v('path')), hasUrl = r.present(v('url'));
  if (hasPath === hasUrl) {
    return r.fail(hasPath ? m.get('url')!.key : node, field, hasPath ? 'both path and url' : 'neither path nor url', 'exactly one of path, url');
  }
  const out: GroundTruthConfig = { column: column ?? '' };
  let ok = column !== undefined;
  if (hasPath) {
    const p = r.str(v('path'), 'ground_truth.path', undefined, 'a file path');
    if (p === undefined || !contained(ctx, v('path'), 'ground_truth.path', p, 'data')) ok = false; else out.path = ctx.resolvePath(p);
  } else {
    out.url = r.str(v('url'), 'ground_truth.url', /^https?:\/\/\S+$/, 'an http(s) URL');
    const sha = r.need(m, node, field, 'sha256', 'the sha256 of the file (64 hex digits), required with url');
    out.sha256 = sha && r.str(sha.value, 'ground_truth.sha256', /^[0-9a-f]{64}$/, '64 lowercase hex digits');
    if (out.url === undefined || out.sha256 === undefined) ok = false;
  }
  return ok ? out : undefined;
}

export function readThresholds(r: Reader, node: YNode): Thresholds | undefined {
  if (!r.present(node)) return { ...DEFAULT_THRESHOLDS };
  const m = r.map(node, 'thresholds', ['correlation_drop', 'score_rel_tol', 'latency_min_effect', 'latency_alpha']);
  if (!m) return undefined;
  const read = (k: string, dflt: number, min: number, max: number, open: boolean) => {
    const n = m.get(k)?.value;
    return r.present(n) ? r.num(n, sub('thresholds', k), min, max, open) : dflt;
  };
  const t = {
    correlationDrop: read('correlation_drop', DEFAULT_THRESHOLDS.correlationDrop, 0, 2, false),
    scoreRelTol: read('score_rel_tol', DEFAULT_THRESHOLDS.scoreRelTol, 0, Infinity, false),
    latencyMinEffect: read('latency_min_effect', DEFAULT_THRESHOLDS.latencyMinEffect, 0, Infinity, false),
    latencyAlpha: read('latency_alpha', DEFAULT_THRESHOLDS.latencyAlpha, 0, 1, true),
  };
  return Object.values(t).includes(undefined) ? undefined : (t as Thresholds);
}
