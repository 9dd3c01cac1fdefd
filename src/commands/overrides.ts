// CLI flags that override a spec for quick runs: --archs FILE, --proxies a,b, --backend, --seed, --data, --out,
// --batch-size, --init (what `zsnas sweep --jobs` gives each child run), --latency-engine, --proxy-engine.
import { readTextFile } from '../io/json.js';
import { resolve } from 'node:path';
import { getProxy, proxyNames } from '../proxies/index.js';
import { batchesNeeded } from '../proxies/option-rules.js';
import { didYouMean } from '../spec/suggest.js';
import { clip, InputError } from '../io/input-error.js';
import { archProblemIn, isBenchmarkSpace, spaceSize } from '../spaces/index.js';
import { LATENCY_ENGINES, NETWORK_INITS, PROXY_ENGINES, type ProxyEngineChoice, type BackendChoice, type LatencyEngineChoice, type ExperimentSpec, type NetworkInit } from '../spec/types.js';

export interface Overrides {
  archsFile?: string;
  proxies?: string;
  backend?: string;
  seed?: string;
  data?: string;
  out?: string;
  batchSize?: string;
  init?: string;
  latencyEngine?: string;
  proxyEngine?: string;
}

/**
 * `--proxies a,b`: each name once, registered or a custom proxy of the spec (with did-you-mean), and the same
 * option and calibration-batch checks the spec gets.
 */
function proxiesFlag(flag: string, spec: ExperimentSpec): ExperimentSpec['proxies'] {
  const names = flag.split(',').map((s) => s.trim());
  const custom = spec.proxies.filter((p) => p.module !== undefined).map((p) => p.name);
  const known = [...proxyNames(), ...custom];
  const problems: string[] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (n === '') problems.push(`--proxies: name ${i + 1} is empty (got "${clip(flag)}"), expected names separated by commas`);
    else if (seen.has(n)) problems.push(`--proxies: "${clip(n)}" given twice, expected each proxy once`);
    else if (!known.includes(n)) problems.push(`--proxies: unknown proxy "${clip(n)}"${didYouMean(n, known)}; known: ${known.join(', ')}`);
    seen.add(n);
  });
  if (problems.length) throw new InputError(problems);
  const proxies = names.map((name) => spec.proxies.find((p) => p.name === name) ?? { name, options: {} });
  for (const p of proxies) {
    if (p.module !== undefined) continue;
    const proxy = getProxy(p.name);
    const need = batchesNeeded(proxy, { ...proxy.defaults, ...p.options });
    if (need > spec.data.batches) {
      throw new InputError(`--proxies: ${p.name} reads ${need} calibration batches, but ${spec.file} has data.batches ${spec.data.batches}; raise data.batches`);
    }
  }
  return proxies;
}

export function applyOverrides(spec: ExperimentSpec, o: Overrides): ExperimentSpec {
  const next: ExperimentSpec = { ...spec };
  if (o.archsFile) next.archs = { kind: 'list', items: isBenchmarkSpace(spec.space) ? readArchList(o.archsFile, spec.space) : readModelKeys(o.archsFile, spec) };
  if (o.proxies !== undefined) {
    next.proxies = proxiesFlag(o.proxies, spec);
  }
  if (o.backend) {
    if (!['auto', 'node', 'wasm', 'cpu'].includes(o.backend)) throw new InputError(`--backend: got "${clip(o.backend)}", expected auto, node, wasm or cpu`);
    next.backend = o.backend as BackendChoice;
  }
  if (o.latencyEngine !== undefined) {
    if (!(LATENCY_ENGINES as readonly string[]).includes(o.latencyEngine)) {
      throw new InputError(`--latency-engine: got "${clip(o.latencyEngine)}", expected ${LATENCY_ENGINES.join(', ')}`);
    }
    next.latency = { ...spec.latency, engine: o.latencyEngine as LatencyEngineChoice };
  }
  if (o.proxyEngine !== undefined) {
    if (!(PROXY_ENGINES as readonly string[]).includes(o.proxyEngine)) {
      throw new InputError(`--proxy-engine: got "${clip(o.proxyEngine)}", expected ${PROXY_ENGINES.join(', ')}`);
    }
    next.proxyEngine = o.proxyEngine as ProxyEngineChoice;
  }
  if (o.seed !== undefined) {
    const seed = Number(o.seed);
    // The spec's own bound: seeds are 32-bit (0..2^32-1), and `1e20` or `-0` are not seeds.
    if (!/^\d+$/.test(o.seed) || !Number.isSafeInteger(seed) || seed > 0xffffffff) {
      throw new InputError(`--seed: got "${clip(o.seed)}", expected an integer from 0 to ${0xffffffff}`);
    }
    next.seed = seed;
  }
  if (o.data) next.data = { kind: 'cifar-bin', path: resolve(o.data), batchSize: spec.data.batchSize, batches: spec.data.batches };
  if (o.out) next.output = resolve(o.out);
  if (o.batchSize !== undefined) {
    const b = Number(o.batchSize);
    if (!/^\d+$/.test(o.batchSize) || !Number.isInteger(b) || b < 1) throw new InputError(`--batch-size: got "${clip(o.batchSize)}", expected a positive integer`);
    next.data = { ...next.data, batchSize: b };
  }
  if (o.init !== undefined) {
    if (!(NETWORK_INITS as readonly string[]).includes(o.init)) throw new Error(`--init: got "${o.init}", expected one of ${NETWORK_INITS.join(', ')}`);
    const { init: _old, ...rest } = next;
    return o.init === 'pytorch' ? rest : { ...rest, init: o.init as NetworkInit };
  }
  return next;
}

/** An arch list of every NB201 arch is under 2 MB; 64 MB leaves room and refuses runaway files. */
const MAX_LIST_BYTES = 64 * 1024 * 1024;

export function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (!s) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || Number(m[1]) >= Number(m[2]) || Number(m[2]) > 100_000) throw new InputError(`--shard: got "${clip(s)}", expected i/n with 0 <= i < n <= 100000 (e.g. 0/4)`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** One arch string or index of the space per line; blank lines and # comments are skipped. Errors name file:line. */
export function readArchList(file: string, space = 'nb201'): Array<string | number> {
  const size = spaceSize(space);
  const items: Array<string | number> = [];
  const problems: string[] = [];
  const seen = new Map<string | number, number>();
  readTextFile(file, `a list of ${space} archs (one per line)`, { maxBytes: MAX_LIST_BYTES }).split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    let item: string | number = line;
    if (/^\d+$/.test(line)) {
      const n = Number(line);
      if (n >= size) return problems.push(`${file}:${i + 1}: index ${clip(line)} out of range 0..${size - 1}`);
      item = n;
    } else {
      // A megabyte-long line is no arch: say so without parsing or echoing it.
      const problem = line.length > 4096 ? `a line of ${line.length} characters, expected one arch` : archProblemIn(space, line);
      if (problem) return problems.push(`${file}:${i + 1}: ${clip(problem, 160)}`);
    }
    const before = seen.get(item);
    if (before !== undefined) return problems.push(`${file}:${i + 1}: "${clip(line)}" again (also line ${before}), expected each arch once`);
    seen.set(item, i + 1);
    items.push(item);
  });
  if (problems.length) throw new InputError(problems);
  if (!items.length) throw new InputError(`${file}: no architectures (one ${space} arch string or index per line)`);
  return items;
}

/** Space keras / macro: one model key per line (blank lines and # comments skipped). Errors name file:line. */
function readModelKeys(file: string, spec: ExperimentSpec): string[] {
  const keys = (spec.models ?? []).map((m) => m.key);
  const items: string[] = [];
  const problems: string[] = [];
  readTextFile(file, 'a list of model keys (one per line)', { maxBytes: MAX_LIST_BYTES }).split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    if (items.includes(line)) problems.push(`${file}:${i + 1}: model "${clip(line)}" again, expected each model once`);
    else if (keys.includes(line)) items.push(line);
    else problems.push(`${file}:${i + 1}: unknown model "${clip(line)}"${didYouMean(line.slice(0, 200), keys)}; the spec's models: ${clip(keys.join(', '), 200)}`);
  });
  if (problems.length) throw new InputError(problems);
  if (!items.length) throw new InputError(`${file}: no model keys (one per line)`);
  return items;
}
