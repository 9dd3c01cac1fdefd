// A tiny sampled NB201 spec (7 archs, Gaussian data, no latency) for the shard/merge tests, one per output folder.
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';

export function sampledSpec(name: string, out: string, proxies: string[]) {
  const text = `name: ${name}
archs: { sample: { n: 7, seed: 3 } }
data: { gaussian: { seed: 2 }, batch_size: 2, batches: 1 }
proxies: [${proxies.join(', ')}]
latency: false
backend: wasm
output: ${out}
`;
  return parseSpec(text, join(out, 'spec.yml'), specOptions());
}
