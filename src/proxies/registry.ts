// Proxies register themselves by name; the pipeline looks them up here. One file per proxy.
import type { Proxy } from './types.js';

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

/** Merges spec options over the proxy's defaults; unknown keys are an error naming the valid ones. */
export function resolveOptions(p: Proxy, options: Record<string, unknown>): Record<string, unknown> {
  for (const k of Object.keys(options)) {
    if (!(k in p.defaults)) {
      const valid = Object.keys(p.defaults);
      throw new Error(`proxy ${p.name}: unknown option "${k}"; valid options: ${valid.length ? valid.join(', ') : '(none)'}`);
    }
  }
  return { ...p.defaults, ...options };
}
