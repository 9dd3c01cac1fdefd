// compare reads a custom proxy's direction from run.json without loading its module: a lower score of a
// `direction: -1` proxy is an improvement in the CLI, as it is in the Action.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from '../../src/commands/pipeline.js';
import { buildBaseline, serializeBaseline } from '../../src/compare/baseline.js';
import { toJson } from '../../src/io/atomic.js';
import { scoresCsv } from '../../src/rundir/scores-csv.js';
import { runManifest } from '../helpers/run-dir.js';

const ARCH = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

test('a direction -1 custom proxy whose score fell is an improvement', async () => {
  const root = mkdtempSync(join(tmpdir(), 'zsnas-direction-'));
  // The module exists for the spec but must not be imported by compare: importing it would throw.
  writeFileSync(join(root, 'lower.mjs'), 'throw new Error("compare must not import the module");\n');
  writeFileSync(join(root, 'spec.yml'), `name: fixture\narchs: ['${ARCH}']\nproxies: [{ name: lower, module: ./lower.mjs }]\nbaseline: base.json\nlatency: false\n`);
  const results = join(root, 'results');
  const rows = [{ arch: ARCH, proxy: 'lower', value: 3, status: 'ok' as const, seconds: 0 }];
  writeFileSync(join(root, 'base.json'), serializeBaseline(buildBaseline({
    experiment: 'fixture', backend: 'wasm', seed: 0, versions: {}, correlations: [], fingerprint: null, latency: [],
    scores: [{ ...rows[0], value: 5 }],
  })));
  const m = runManifest([ARCH], {
    spec: { proxies: [{ name: 'lower' }] }, proxies: [{ name: 'lower', direction: -1, module: './lower.mjs', moduleHash: 'x' }],
    timings: { totalSeconds: 1, perProxySeconds: {} },
  });
  mkdirSync(results);
  writeFileSync(join(results, 'run.json'), toJson(m));
  writeFileSync(join(results, 'scores.csv'), scoresCsv(rows));
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const { input } = await pipeline.compare(join(root, 'spec.yml'), { resultsDir: results });
    const item = input.comparison!.items.find((i) => i.kind === 'score')!;
    assert.equal(item.verdict, 'improvement');
    assert.equal(input.comparison!.counts.regression, 0);
  } finally {
    process.chdir(cwd);
  }
  assert.ok(readFileSync(join(results, 'run.json'), 'utf8').includes('"direction": -1'));
});
