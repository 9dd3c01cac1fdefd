// CLI flags that override a spec for quick runs: --archs FILE, --proxies a,b, --backend, --seed, --data, --out,
// --batch-size, --init (what `zsnas sweep --jobs` gives each child run).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasProxy, proxyNames } from '../proxies/index.js';
import { archProblemIn, isBenchmarkSpace, spaceSize } from '../spaces/index.js';
import { NETWORK_INITS, type BackendChoice, type ExperimentSpec, type NetworkInit } from '../spec/types.js';

export interface Overrides {
  archsFile?: string;
  proxies?: string;
  backend?: string;
  seed?: string;
  data?: string;
  out?: string;
  batchSize?: string;
  init?: string;
}

export function applyOverrides(spec: ExperimentSpec, o: Overrides): ExperimentSpec {
  const next: ExperimentSpec = { ...spec };
  if (o.archsFile) next.archs = { kind: 'list', items: isBenchmarkSpace(spec.space) ? readArchList(o.archsFile, spec.space) : readModelKeys(o.archsFile, spec) };
  if (o.proxies) {
    const names = o.proxies.split(',').map((s) => s.trim()).filter(Boolean);
    const custom = (n: string) => spec.proxies.some((p) => p.name === n && p.module !== undefined);
    const unknown = names.filter((n) => !hasProxy(n) && !custom(n));
    if (unknown.length) throw new Error(`--proxies: unknown ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${proxyNames().join(', ')}`);
    next.proxies = names.map((name) => spec.proxies.find((p) => p.name === name) ?? { name, options: {} });
  }
  if (o.backend) {
    if (!['auto', 'node', 'wasm', 'cpu'].includes(o.backend)) throw new Error(`--backend: got "${o.backend}", expected auto, node, wasm or cpu`);
    next.backend = o.backend as BackendChoice;
  }
  if (o.seed !== undefined) {
    const seed = Number(o.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: got "${o.seed}", expected a non-negative integer`);
    next.seed = seed;
  }
  if (o.data) next.data = { kind: 'cifar-bin', path: resolve(o.data), batchSize: spec.data.batchSize, batches: spec.data.batches };
  if (o.out) next.output = resolve(o.out);
  if (o.batchSize !== undefined) {
    const b = Number(o.batchSize);
    if (!Number.isInteger(b) || b < 1) throw new Error(`--batch-size: got "${o.batchSize}", expected a positive integer`);
    next.data = { ...next.data, batchSize: b };
  }
  if (o.init !== undefined) {
    if (!(NETWORK_INITS as readonly string[]).includes(o.init)) throw new Error(`--init: got "${o.init}", expected one of ${NETWORK_INITS.join(', ')}`);
    const { init: _old, ...rest } = next;
    return o.init === 'pytorch' ? rest : { ...rest, init: o.init as NetworkInit };
  }
  return next;
}

export function parseShard(s: string | undefined): { index: number; count: number } | undefined {
  if (!s) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m || Number(m[1]) >= Number(m[2])) throw new Error(`--shard: got "${s}", expected i/n with 0 <= i < n (e.g. 0/4)`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** One arch string or index of the space per line; blank lines and # comments are skipped. Errors name file:line. */
export function readArchList(file: string, space = 'nb201'): Array<string | number> {
  const size = spaceSize(space);
  const items: Array<string | number> = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    if (/^\d+$/.test(line)) {
      const n = Number(line);
      if (n >= size) problems.push(`${file}:${i + 1}: index ${n} out of range 0..${size - 1}`);
      else items.push(n);
      return;
    }
    const problem = archProblemIn(space, line);
    if (problem) problems.push(`${file}:${i + 1}: ${problem}`);
    else items.push(line);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  if (!items.length) throw new Error(`${file}: no architectures (one ${space} arch string or index per line)`);
  return items;
}

/** Space keras / macro: one model key per line (blank lines and # comments skipped). Errors name file:line. */
function readModelKeys(file: string, spec: ExperimentSpec): string[] {
  const keys = (spec.models ?? []).map((m) => m.key);
  const items: string[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    if (keys.includes(line)) items.push(line);
    else problems.push(`${file}:${i + 1}: unknown model "${line}"; the spec's models: ${keys.join(', ')}`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  if (!items.length) throw new Error(`${file}: no model keys (one per line)`);
  return items;
}
