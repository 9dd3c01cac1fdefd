import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import type { Fingerprint } from '../../src/results.js';
import { compareFingerprints, hardwareFingerprint } from '../../src/latency/fingerprint.js';
import { compareFingerprints as fromVerdict } from '../../src/latency/verdict.js';

const a: Fingerprint = {
  cpuModel: 'AMD EPYC 7763', cores: 4, memoryGiB: 16, os: 'linux-x64 6.5.0-1025-azure', node: 'v20.19.0',
  tfjs: '4.22.0', backend: 'wasm', threads: 1,
};

test('fingerprint comparison lists every difference and judges comparability', () => {
  assert.deepEqual(compareFingerprints(a, { ...a }), { comparable: true, differences: [] });
  const b = { ...a, cpuModel: 'Intel Xeon Platinum 8370C', memoryGiB: 7 };
  assert.deepEqual(compareFingerprints(a, b), {
    comparable: false,
    differences: ['cpuModel: AMD EPYC 7763 vs Intel Xeon Platinum 8370C', 'memoryGiB: 16 vs 7'],
  });
  // kernel release and RAM alone: listed, still comparable
  assert.deepEqual(fromVerdict(a, { ...a, os: 'linux-x64 6.8.0-1017-azure', memoryGiB: 15 }), {
    comparable: true,
    differences: ['memoryGiB: 16 vs 15', 'os: linux-x64 6.5.0-1025-azure vs linux-x64 6.8.0-1017-azure'],
  });
  assert.equal(compareFingerprints(a, { ...a, os: 'win32-x64 10.0.20348' }).comparable, false);
  assert.equal(compareFingerprints(a, { ...a, backend: 'cpu' }).comparable, false);
});

test('hardwareFingerprint reads this machine and records the backend', () => {
  const fp = hardwareFingerprint({ name: 'wasm', version: '4.22.0', threads: 1 });
  assert.equal(fp.cores, os.cpus().length);
  assert.equal(fp.memoryGiB, Math.round(os.totalmem() / 2 ** 30));
  assert.equal(fp.node, process.version);
  assert.deepEqual([fp.backend, fp.tfjs, fp.threads], ['wasm', '4.22.0', 1]);
  assert.ok(fp.os.startsWith(`${os.platform()}-${os.arch()} `));
});
