// Where a latency was measured. Latencies are only compared like for like: the same CPU, core count, runtime and
// tfjs backend; the rest is recorded so a report can say why two runs differ.

import os from 'node:os';
import type { Fingerprint } from '../results.js';

export interface BackendInfo {
  name: string;
  version: string;
  threads: number;
}

export function hardwareFingerprint(backend: BackendInfo): Fingerprint {
  const cpus = os.cpus();
  return {
    // Some virtualised hosts report an empty model string or no cpus at all.
    cpuModel: cpus[0]?.model.trim().replace(/\s+/g, ' ') || 'unknown',
    cores: cpus.length || os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.platform()}-${os.arch()} ${os.release()}`,
    node: process.version,
    tfjs: backend.version,
    backend: backend.name,
    threads: backend.threads,
  };
}

/**
 * Fields that change speed by more than runner noise: a difference makes two latencies incomparable. Memory size
 * and kernel release are informational (runner images bump the kernel often; RAM does not bound these models),
 * but the platform/architecture part of `os` (before the space) is compared.
 */
const HARD_FIELDS = ['cpuModel', 'cores', 'backend', 'threads', 'tfjs', 'node'] as const;
const FIELDS: ReadonlyArray<keyof Fingerprint> = ['cpuModel', 'cores', 'memoryGiB', 'os', 'node', 'tfjs', 'backend', 'threads'];

function platformOf(osField: string): string {
  return osField.split(' ')[0] ?? osField;
}

/** Every differing field as "field: a vs b"; comparable is false when a speed-relevant field differs. */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): { comparable: boolean; differences: string[] } {
  const differences: string[] = [];
  let comparable = true;
  for (const field of FIELDS) {
    if (a[field] === b[field]) continue;
    differences.push(`${field}: ${String(a[field])} vs ${String(b[field])}`);
    const hard = (HARD_FIELDS as readonly string[]).includes(field)
      || (field === 'os' && platformOf(a.os) !== platformOf(b.os));
    if (hard) comparable = false;
  }
  return { comparable, differences };
}
