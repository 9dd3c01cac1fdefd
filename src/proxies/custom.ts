// Custom proxies from the user's own repository: `proxies: [{name, module: ./proxies/my_proxy.mjs}]`. The module
// is imported (this is the user's code, run on purpose, unlike model files) and must export, as default or as
// `proxy`, an object with the built-in Proxy interface. The module's sha256 goes into result cache keys.
// Interface and a worked example: docs/custom-proxies.md, configs/examples/proxies/weight_count.mjs.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hasProxy } from './registry.js';
import type { OptionRule, Proxy } from './types.js';

export interface LoadedProxy {
  proxy: Proxy;
  /** sha256 (hex) of the module file. */
  moduleHash: string;
}

const NEEDS = ['data', 'labels', 'paramGrads', 'inputGrads', 'perSample'] as const;
const loaded = new Map<string, LoadedProxy>();

/** Checks an exported object against the Proxy interface; throws one message listing every problem. */
export function validateProxy(value: unknown, name: string, where: string): Proxy {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null) {
    throw new Error(`${where}: custom proxy "${name}": the module must export (default or \`proxy\`) a proxy object, got ${value === null ? 'null' : typeof value}`);
  }
  const p = value as Record<string, unknown>;
  if (p.name !== name) problems.push(`name is ${JSON.stringify(p.name)} but the spec calls it "${name}"`);
  if (typeof p.compute !== 'function') problems.push(`compute must be a function (ctx, options) => number, got ${typeof p.compute}`);
  if (p.direction !== 1 && p.direction !== -1) problems.push(`direction must be 1 or -1, got ${JSON.stringify(p.direction)}`);
  if (typeof p.description !== 'string') problems.push(`description must be a string, got ${typeof p.description}`);
  if (typeof p.needs !== 'object' || p.needs === null) problems.push(`needs must be an object {${NEEDS.join(', ')}} of booleans`);
  else {
    const needs = p.needs as Record<string, unknown>;
    const bad = NEEDS.filter((k) => typeof needs[k] !== 'boolean');
    if (bad.length) problems.push(`needs.${bad.join(', needs.')} must be true or false`);
  }
  if (p.defaults !== undefined && (typeof p.defaults !== 'object' || p.defaults === null || Array.isArray(p.defaults))) {
    problems.push('defaults must be an object of option defaults');
  }
  if (p.reference !== undefined && typeof p.reference !== 'string') problems.push('reference must be a string');
  if (problems.length) throw new Error(`${where}: custom proxy "${name}": ${problems.join('; ')}`);
  return {
    name,
    description: p.description as string,
    needs: { ...(p.needs as Proxy['needs']) },
    direction: p.direction as 1 | -1,
    defaults: { ...((p.defaults as Record<string, unknown> | undefined) ?? {}) },
    optionRules: typeRules((p.defaults as Record<string, unknown> | undefined) ?? {}),
    reference: (p.reference as string | undefined) ?? `custom module ${where}`,
    compute: (p.compute as Proxy['compute']).bind(p),
  };
}

/** A custom proxy's options keep the type of their default; their bounds are the module's own business. */
function typeRules(defaults: Record<string, unknown>): Record<string, OptionRule> {
  return Object.fromEntries(Object.entries(defaults).map(([k, v]): [string, OptionRule] => [k,
    typeof v === 'number' ? { kind: 'number', min: -Infinity } : typeof v === 'boolean' ? { kind: 'boolean' } : typeof v === 'string' ? { kind: 'string' } : { kind: 'any' }]));
}

/** Imports and validates the module behind a spec's `{name, module}` entry. */
export async function loadCustomProxy(name: string, modulePath: string): Promise<LoadedProxy> {
  if (hasProxy(name)) throw new Error(`${modulePath}: custom proxy "${name}" has the name of a built-in proxy; choose another name`);
  if (!['.js', '.mjs'].includes(extname(modulePath))) {
    throw new Error(`${modulePath}: custom proxy "${name}": the module must be a .js or .mjs file (ES module)`);
  }
  let source: Buffer;
  try {
    source = readFileSync(modulePath);
  } catch (e) {
    throw new Error(`${modulePath}: custom proxy "${name}": cannot read the module (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const moduleHash = createHash('sha256').update(source).digest('hex');
  // The hash in the URL makes an edited module load afresh in the same process (import() caches by URL).
  let mod: Record<string, unknown>;
  try {
    mod = await import(`${pathToFileURL(modulePath).href}?sha256=${moduleHash}`);
  } catch (e) {
    throw new Error(`${modulePath}: custom proxy "${name}": importing the module failed: ${(e as Error).message.split('\n')[0]}`);
  }
  const proxy = validateProxy(mod.default ?? mod.proxy, name, modulePath);
  const result = { proxy, moduleHash };
  loaded.set(name, result);
  return result;
}

/** A custom proxy loaded earlier in this process (reports look up its direction). */
export function loadedCustomProxy(name: string): Proxy | undefined {
  return loaded.get(name)?.proxy;
}
