// Gaussian calibration batches are made when a proxy reads them: `batches: 1000000` with ZiCo (which reads two)
// makes two, scores what `batches: 2` scores, and is not refused for memory; the run key hashes what makes the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSpec } from '../../src/spec/load.js';
import { specOptions } from '../../src/commands/spec-io.js';
import { runExperiment } from '../../src/commands/run.js';
import { calibrationHash, loadCalibration } from '../../src/data/calibration.js';
import { gaussianBatch } from '../../src/data/gaussian.js';
import { hashParts } from '../../src/engine/rng.js';

const ARCH = '|nor_conv_1x1~0|+|skip_connect~0|nor_conv_3x3~1|+|none~0|avg_pool_3x3~1|nor_conv_1x1~2|';

test('a lazily made batch has the bytes of the eager one; the hash makes no batch', () => {
  const set = loadCalibration({ kind: 'gaussian', seed: 7, batchSize: 3, batches: 1_000_000 }, 'cifar10');
  assert.equal(set.length, 1_000_000);
  const eager = gaussianBatch(hashParts(7, 'calibration', 999_999), 3, [32, 32, 3], 10);
  assert.deepEqual(set[999_999].images, eager.images);
  assert.deepEqual(set[999_999].labels, eager.labels);
  assert.equal(set[1_000_000], undefined);
  const t = Date.now();
  const h = calibrationHash(set);
  assert.ok(Date.now() - t < 1000, 'hashing a million batches does not make them');
  assert.notEqual(h, calibrationHash(loadCalibration({ kind: 'gaussian', seed: 7, batchSize: 3, batches: 999_999 }, 'cifar10')));
});

test('zico with data.batches 1000000 of 1 image scores what data.batches 2 does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-lazy-'));
  const value = async (batches: number) => {
    const out = join(dir, `b${batches}`);
    const spec = parseSpec(`name: lazy\narchs: ['${ARCH}']\nlatency: false\nbackend: cpu\noutput: ${out}\n` +
      `data: { batch_size: 1, batches: ${batches} }\nproxies: [zico]\n`, join(dir, 'spec.yml'), specOptions());
    const before = process.memoryUsage().rss;
    const r = await runExperiment(spec, { log: () => {} });
    const grew = process.memoryUsage().rss - before;
    // One image per batch leaves ZiCo's float32 rounding estimate high, so `unstable` is as right as `ok` here;
    // an error is not.
    assert.ok(['ok', 'unstable'].includes(r.scores[0].status), readFileSync(join(out, 'run.json'), 'utf8'));
    return { v: r.scores[0].value, status: r.scores[0].status, grew };
  };
  const two = await value(2);
  const million = await value(1_000_000);
  assert.equal(million.v, two.v);
  assert.equal(million.status, two.status);
  assert.ok(Number.isFinite(two.v));
  // The eager set was 11.4 GiB; allow generous room for the run itself.
  assert.ok(million.grew < 500 * 1024 ** 2, `rss grew ${(million.grew / 1024 ** 2).toFixed(0)} MiB`);
});
