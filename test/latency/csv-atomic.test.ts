import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LATENCY_CSV_HEADER, latencyCsv, writeLatencyResults } from '../../src/latency/csv.js';
import { writeFileAtomic } from '../../src/io/atomic.js';
import type { Fingerprint, LatencyRow } from '../../src/results.js';

const row: LatencyRow = {
  arch: '|nor_conv_3x3~0|+|none~0|skip_connect~1|', batch: 1, median_ms: 12.3456789, p25_ms: 12, p75_ms: 13,
  min_ms: 11.5, cv: 0.0412, n: 50, ci_low_ms: 12.1, ci_high_ms: 12.6, normalized: NaN,
};
const fp: Fingerprint = { cpuModel: 'x', cores: 2, memoryGiB: 8, os: 'linux-x64 6', node: 'v20', tfjs: '4.22.0', backend: 'wasm', threads: 1 };

test('latency.csv header is exact and rows follow it', () => {
  assert.equal(LATENCY_CSV_HEADER, 'arch,batch,median_ms,p25_ms,p75_ms,min_ms,cv,n,ci_low_ms,ci_high_ms,normalized');
  assert.ok(LATENCY_CSV_HEADER.startsWith('arch,batch,median_ms,p25_ms,p75_ms,min_ms,cv,n'));
  const lines = latencyCsv([row, { ...row, arch: 'a,"b"' }]).split('\n');
  assert.equal(lines[0], LATENCY_CSV_HEADER);
  assert.equal(lines[1], '|nor_conv_3x3~0|+|none~0|skip_connect~1|,1,12.3457,12,13,11.5,0.0412,50,12.1,12.6,');
  assert.equal(lines[2]!.split(',')[0], '"a');
  assert.ok(lines[2]!.startsWith('"a,""b""",1,'));
});

test('atomic writes leave only the final files, also when the rename fails', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'zsnas-latency-'));
  try {
    const { csvPath, jsonPath } = await writeLatencyResults(dir, {
      fingerprint: fp, rows: [row], samples: [{ arch: row.arch, batch: 1, samples_ms: [12, 12.3, 13] }],
    });
    assert.deepEqual((await readdir(dir)).sort(), ['latency.csv', 'latency.json']);
    assert.equal((await readFile(csvPath, 'utf8')).split('\n')[0], LATENCY_CSV_HEADER);
    const json = JSON.parse(await readFile(jsonPath, 'utf8'));
    assert.equal(json.formatVersion, 1);
    assert.deepEqual(json.samples[0].samples_ms, [12, 12.3, 13]);
    assert.equal(json.rows[0].normalized, null);
    assert.equal(json.fingerprint.backend, 'wasm');
    // Renaming a file over a non-empty directory fails: the temp file must not stay behind.
    await mkdir(join(dir, 'blocked', 'inner'), { recursive: true });
    await assert.rejects(writeFileAtomic(join(dir, 'blocked'), 'x'));
    assert.deepEqual((await readdir(dir)).sort(), ['blocked', 'latency.csv', 'latency.json']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
