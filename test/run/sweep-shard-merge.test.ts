// `zsnas sweep`: one run per (batch size, init) with the spec's own pair shared, data-free proxies invariant to the
// batch size and #Params to the init (tau exactly 1), and --shard + --merge giving the unsharded analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { parseScoresCsv } from '../../src/rundir/scores-csv.js';

const ARCHS = ['8:8:8:8:8', '16:8:24:8:32', '64:8:8:16:8', '8:32:16:48:16', '24:24:24:24:24', '40:16:8:56:64'];

function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-sweep-'));
  // A made-up accuracy table: the analysis only needs an arch column and an accuracy column.
  writeFileSync(join(dir, 'acc.csv'), `arch,acc\n${ARCHS.map((a, i) => `${a},${[71, 80, 77, 83, 85, 90][i]}`).join('\n')}\n`);
  writeFileSync(join(dir, 'spec.yml'), `name: sweep-test
space: nats-sss
archs: [${ARCHS.map((a) => `'${a}'`).join(', ')}]
data: { gaussian: { seed: 1 }, batch_size: 4, batches: 1 }
proxies: [params, l2_norm, grad_norm]
sweep: { batch_size: [2, 4], init: [pytorch, xavier_normal] }
ground_truth: { path: acc.csv, column: acc }
latency: false
backend: wasm
`);
  return dir;
}

const quiet = async (argv: string[]) => {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try { return await main(argv); } finally { process.stdout.write = write; }
};

test('three runs for 2 batch sizes x 2 inits; invariances hold exactly; sharded + merged = unsharded', async () => {
  const dir = setup();
  const spec = join(dir, 'spec.yml');
  assert.equal(await quiet(['sweep', spec, '--out', join(dir, 'full'), '--bootstrap', '20']), 0);
  for (const id of ['b2-pytorch', 'b4-pytorch', 'b4-xavier_normal']) assert.ok(existsSync(join(dir, 'full', id, 'scores.csv')), id);
  assert.ok(!existsSync(join(dir, 'full', 'b2-xavier_normal')), 'one factor at a time, not a grid');
  const s = JSON.parse(readFileSync(join(dir, 'full', 'sensitivity.json'), 'utf8'));
  const tau = (factor: string, proxy: string) => s.stability.find((r: { factor: string; proxy: string }) => r.factor === factor && r.proxy === proxy).kendall;
  assert.equal(tau('batch_size', 'l2_norm'), 1, 'l2_norm reads no data');
  assert.equal(tau('batch_size', 'params'), 1);
  assert.equal(tau('init', 'params'), 1, '#Params does not depend on the init');
  const l2 = (id: string) => parseScoresCsv(readFileSync(join(dir, 'full', id, 'scores.csv'), 'utf8')).filter((r) => r.proxy === 'l2_norm').map((r) => r.value);
  assert.notDeepEqual(l2('b4-xavier_normal'), l2('b4-pytorch'));
  assert.deepEqual(l2('b2-pytorch'), l2('b4-pytorch'));
  assert.ok(existsSync(join(dir, 'full', 'charts', 'sensitivity-init-stability.svg')));
  assert.match(readFileSync(join(dir, 'full', 'sensitivity.md'), 'utf8'), /6 NATS-Bench SSS archs .*ground truth: cifar10 accuracy \(`acc`\)/);

  for (const i of [0, 1]) assert.equal(await quiet(['sweep', spec, '--shard', `${i}/2`, '--out', join(dir, `s${i}`)]), 0);
  assert.ok(!existsSync(join(dir, 's0', 'sensitivity.json')), 'a shard alone is not analysed');
  assert.equal(await quiet(['sweep', spec, '--merge', join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'merged'), '--bootstrap', '20']), 0);
  const m = JSON.parse(readFileSync(join(dir, 'merged', 'sensitivity.json'), 'utf8'));
  assert.deepEqual(m.correlations, s.correlations);
  assert.deepEqual(m.stability, s.stability);

  // A run that never finished is left out of the analysis and named; the rest is still analysed.
  rmSync(join(dir, 'merged', 'b2-pytorch'), { recursive: true });
  assert.equal(await quiet(['sweep', spec, '--results', join(dir, 'merged'), '--bootstrap', '20']), 0);
  const part = JSON.parse(readFileSync(join(dir, 'merged', 'sensitivity.json'), 'utf8'));
  assert.deepEqual(part.missing, ['b2-pytorch']);
  assert.deepEqual(part.factors[0].values.map((v: { label: string }) => v.label), ['4']);
  assert.match(readFileSync(join(dir, 'merged', 'sensitivity.md'), 'utf8'), /Not in this report \(the sweep did not produce them\): `b2-pytorch`/);
});
