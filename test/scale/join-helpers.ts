// Shared by the `merge --proxies` tests: a small NB201 spec written to a run directory, and a run's rows as text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';

export const JOIN_ARCHS = [
  '|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|',
  '|skip_connect~0|+|nor_conv_1x1~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_1x1~1|skip_connect~2|',
  '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|',
];

/** A spec over `archs` (gaussian calibration data, wasm, no latency) whose output is `out`. */
export function joinSpec(out: string, proxies: string[], opts: { archs?: string[]; seed?: number; batches?: number } = {}) {
  const text = `name: join-test
seed: ${opts.seed ?? 0}
archs: [${(opts.archs ?? JOIN_ARCHS).map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 2 }, batch_size: 4, batches: ${opts.batches ?? 1} }
proxies: [${proxies.join(', ')}]
latency: false
backend: wasm
output: ${out}
`;
  return parseSpec(text, join(out, 'spec.yml'), specOptions());
}

/** Every row of a run directory's scores.csv as `arch,proxy,value,status`. */
export const runRows = (dir: string) =>
  parseScoresCsv(readFileSync(join(dir, 'scores.csv'), 'utf8')).map((r) => `${r.arch},${r.proxy},${r.value},${r.status}`);
