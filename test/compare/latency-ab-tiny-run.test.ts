// A tiny real run with --base-ref: latency-ab.csv has the contract header and one row per arch on both sides;
// a named arch whose head version is far heavier is `slower`, an unchanged arch is never `slower` or `faster`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSpec } from '../../src/commands/spec-io.js';
import { runAb } from '../../src/commands/run-ab.js';
import { parseLatencyAbCsv } from '../../src/compare/latency-ab-csv.js';
import { LATENCY_AB_HEADER } from '../../src/compare/ab-types.js';
import { tempRepo } from '../helpers/git-repo.js';

const LIGHT = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const HEAVY = '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|';
const SAME = '|nor_conv_1x1~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
const SPEC = (cand: string) => `name: t
archs:
  - {name: cand, arch: '${cand}'}
  - '${SAME}'
proxies: [params]
latency: { warmup: 2, min_samples: 6, max_samples: 20, ab_budget_s: 25 }
backend: wasm
output: ../out
`;

test('latency-ab.csv: header, rows for archs on both sides, a heavier head version is slower', async () => {
  const repo = tempRepo();
  try {
    const specFile = repo.write('configs/t.yml', SPEC(LIGHT));
    const sha = repo.commit('base');
    repo.write('configs/t.yml', SPEC(HEAVY));
    const res = await runAb(readSpec(specFile), sha, { log: () => {} });
    const file = join(repo.root, 'out/latency-ab.csv');
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n')[0], LATENCY_AB_HEADER.join(','));
    const rows = parseLatencyAbCsv(text, file);
    assert.deepEqual(rows.map((r) => [r.arch, r.batch]), [['cand', 1], [SAME, 1]]);
    assert.deepEqual(rows.map((r) => r.verdict), res.latencyAb.map((r) => r.verdict));
    const [cand, same] = rows;
    assert.equal(cand!.verdict, 'slower', `cand: ratio ${cand!.ratio} [${cand!.ciLow}, ${cand!.ciHigh}]`);
    assert.ok(cand!.ratio > 1.5 && cand!.ciLow > 1.05, `the all-conv cell costs far more: ${cand!.ratio}`);
    assert.ok(cand!.headMedianMs > cand!.baseMedianMs);
    // alpha 0.01: an identical arch is `slower` or `faster` in under 1% of runs (bench/ab-decision.ts).
    assert.ok(same!.verdict === 'same' || same!.verdict === 'unsure', `unchanged arch judged ${same!.verdict}`);
    for (const r of rows) assert.ok(r.ciLow <= r.ratio && r.ratio <= r.ciHigh);
    // Both sides' latency files exist, each with its own rows (wall clock).
    for (const dir of ['out', 'out/base']) {
      const lat = readFileSync(join(repo.root, dir, 'latency.csv'), 'utf8').trim().split('\n');
      assert.equal(lat.length, 3, `${dir}/latency.csv: header + 2 rows`);
    }
    assert.equal(res.ab.clock, 'cpu', 'wasm runs one thread: CPU time');
    assert.ok(res.ab.latencySeconds <= 25 + 5, `budget 25 s, took ${res.ab.latencySeconds}`);
  } finally {
    repo.dispose();
  }
});
