// Where a latency was measured. Latencies are only compared like for like: the same CPU, core count, runtime,
// tfjs backend and latency engine (onnxruntime and its version, or tfjs); the rest is recorded so a report can
// say why two runs differ.

import os from 'node:os';
import type { Fingerprint } from '../results.js';

export interface BackendInfo {
  name: string;
  version: string;
  threads: number;
}

/** The latency engine when it is not tfjs (tfjs is what `backend` and `tfjs` already describe). */
export interface EngineInfo {
  name: string;
  version: string;
  threads: number;
}

export function hardwareFingerprint(backend: BackendInfo, engine?: EngineInfo): Fingerprint {
  const cpus = os.cpus();
  const native = engine && engine.name !== 'tfjs' ? engine : undefined;
  return {
    // Some virtualised hosts report an empty model string or no cpus at all.
    cpuModel: cpus[0]?.model.trim().replace(/\s+/g, ' ') || 'unknown',
    cores: cpus.length || os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.platform()}-${os.arch()} ${os.release()}`,
    node: process.version,
    tfjs: backend.version,
    backend: backend.name,
    threads: native ? native.threads : backend.threads,
    ...(native ? { latencyEngine: `${native.name} ${native.version}` } : {}),
  };
}

/**
 * Fields that change speed by more than runner noise: a difference makes two latencies incomparable. Memory size
 * and kernel release are informational (runner images bump the kernel often; RAM does not bound these models),
 * but the platform/architecture part of `os` (before the space) is compared.
 */
const HARD_FIELDS = ['cpuModel', 'cores', 'backend', 'threads', 'tfjs', 'node', 'latencyEngine'] as const;
const FIELDS: ReadonlyArray<keyof Fingerprint> = ['cpuModel', 'cores', 'memoryGiB', 'os', 'node', 'tfjs', 'backend', 'threads', 'latencyEngine'];

/** A fingerprint written before engines existed, or by a tfjs-timed run, has no latencyEngine: tfjs. */
function fieldOf(f: Fingerprint, field: keyof Fingerprint): unknown {
  return field === 'latencyEngine' ? f.latencyEngine ?? 'tfjs' : f[field];
}

function platformOf(osField: string): string {
  return osField.split(' ')[0] ?? osField;
}

/** Every differing field as "field: a vs b"; comparable is false when a speed-relevant field differs. */
export function compareFingerprints(a: Fingerprint, b: Fingerprint): { comparable: boolean; differences: string[] } {
  const differences: string[] = [];
  let comparable = true;
  for (const field of FIELDS) {
    const [va, vb] = [fieldOf(a, field), fieldOf(b, field)];
    if (va === vb) continue;
    differences.push(`${field}: ${String(va)} vs ${String(vb)}`);
    const hard = (HARD_FIELDS as readonly string[]).includes(field)
      || (field === 'os' && platformOf(a.os) !== platformOf(b.os));
    if (hard) comparable = false;
  }
  return { comparable, differences };
}
