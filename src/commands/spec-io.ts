// Reading a spec as the CLI and the Action do: registered proxy names and NB201 arch validation applied.
import { loadSpec } from '../spec/load.js';
import { loadDefaultSpec } from '../spec/default.js';
import { archProblem } from '../spaces/nb201/arch.js';
import { proxyNames } from '../proxies/index.js';
import type { ExperimentSpec } from '../spec/types.js';

export function specOptions() {
  return { knownProxies: proxyNames(), validateArch: archProblem };
}

/** The spec at path, or the embedded default when no path is given. */
export function readSpec(path: string | undefined): ExperimentSpec {
  return path ? loadSpec(path, specOptions()) : loadDefaultSpec(specOptions());
}
