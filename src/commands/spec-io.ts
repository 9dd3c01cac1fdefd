// Reading a spec as the CLI and the Action do: registered proxy names and the space's arch validation applied.
import { loadSpec } from '../spec/load.js';
import { loadDefaultSpec } from '../spec/default.js';
import { archProblemIn } from '../spaces/index.js';
import { getProxy, proxyNames } from '../proxies/index.js';
import { batchesNeeded, optionProblems } from '../proxies/option-rules.js';
import type { ExperimentSpec } from '../spec/types.js';

let outsidePathsAllowed = false;

/** `--allow-outside-paths` (any command that reads a spec): spec paths may leave the repository (spec/containment.ts). */
export function allowOutsidePaths(allowed: boolean): void {
  outsidePathsAllowed = allowed;
}

export function outsidePathsAreAllowed(): boolean {
  return outsidePathsAllowed;
}

export function specOptions() {
  return {
    allowOutsidePaths: outsidePathsAllowed,
    knownProxies: proxyNames(), validateArch: (s: string, space: string) => archProblemIn(space, s),
    proxyOptionProblems: (name: string, options: Record<string, unknown>) => optionProblems(getProxy(name), options),
    proxyBatches: (name: string, options: Record<string, unknown>) => { const p = getProxy(name); return batchesNeeded(p, { ...p.defaults, ...options }); },
  };
}

/** The spec at path, or the embedded default when no path is given. */
export function readSpec(path: string | undefined): ExperimentSpec {
  return path ? loadSpec(path, specOptions()) : loadDefaultSpec(specOptions());
}
