// Proxies register themselves by name; the pipeline looks them up here. One file per proxy.
import type { Proxy } from './types.js';
import { optionProblems } from './option-rules.js';
import { clip, describe, InputError } from '../io/input-error.js';

const registry = new Map<string, Proxy>();

export function registerProxy(p: Proxy): Proxy {
  if (registry.has(p.name)) throw new Error(`proxy "${p.name}" is registered twice`);
  registry.set(p.name, p);
  return p;
}

export function getProxy(name: string): Proxy {
  const p = registry.get(name);
  if (!p) throw new Error(`unknown proxy "${name}"; known: ${[...registry.keys()].join(', ')}`);
  return p;
}

export function hasProxy(name: string): boolean {
  return registry.has(name);
}

export function proxyNames(): string[] {
  return [...registry.keys()];
}

/**
 * Merges spec options over the proxy's defaults; unknown keys and values outside each option's rule
 * (option-rules.ts) are one error naming every problem.
 */
export function resolveOptions(p: Proxy, options: Record<string, unknown>): Record<string, unknown> {
  const problems = optionProblems(p, options);
  if (problems.length) {
    throw new InputError(problems.map((x) => x.unknown
      ? `proxy ${p.name}: unknown option "${clip(x.key)}"; valid options: ${x.expected}`
      : `proxy ${p.name}: option "${x.key}": got ${describe(options[x.key])}, expected ${x.expected}`));
  }
  return { ...p.defaults, ...options };
}
