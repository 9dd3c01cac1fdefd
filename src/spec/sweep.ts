// The `sweep:` section: settings for `zsnas sweep`, the survey's ablations. Each factor is varied on its own with
// the others at the spec's values (one factor at a time, not a grid: 8 batch sizes + 7 inits = 14 runs, not 56).
//   sweep:
//     batch_size: [1, 2, 4, 8, 16, 32, 64, 128]     data.batch_size values
//     init: [pytorch, kaiming_normal_fan_in, ...]    network inits (see `init:`)
import { sub, type Reader, type YNode } from './reader.js';
import { NETWORK_INITS, type NetworkInit } from './types.js';

export interface SweepConfig {
  batchSizes: number[];
  inits: NetworkInit[];
}

export function readSweep(r: Reader, node: YNode): SweepConfig | undefined | null {
  if (!r.present(node)) return null;
  const m = r.map(node, 'sweep', ['batch_size', 'init'], 'a map {batch_size: [..], init: [..]}');
  if (!m) return undefined;
  const listOf = <T>(key: string, read: (n: YNode, f: string) => T | undefined): T[] | undefined => {
    const n = m.get(key)?.value;
    if (!r.present(n)) return [];
    const f = sub('sweep', key);
    const items = r.list(n, f, `a list of ${key} values`);
    if (!items) return undefined;
    if (!items.length) return r.fail(n, f, 'an empty list', `at least one ${key} value, or leave ${key} out`);
    const out = items.map((it, i) => read(it, sub(f, i)));
    if (out.some((v) => v === undefined)) return undefined;
    const seen = new Set<T>();
    for (let i = 0; i < out.length; i++) {
      if (seen.has(out[i]!)) return r.fail(items[i], sub(f, i), `${String(out[i])} again`, 'each value once');
      seen.add(out[i]!);
    }
    return out as T[];
  };
  const batchSizes = listOf('batch_size', (n, f) => r.int(n, f, 1));
  const inits = listOf('init', (n, f) => r.oneOf(n, f, NETWORK_INITS));
  if (batchSizes === undefined || inits === undefined) return undefined;
  if (!batchSizes.length && !inits.length) return r.fail(node, 'sweep', 'no values', 'batch_size and/or init lists');
  return { batchSizes, inits };
}
