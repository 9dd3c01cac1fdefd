// Versions recorded with every run (results are only comparable like for like).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version as string;
  } catch {
    return 'absent';
  }
}

export function packageVersions(): Record<string, string> {
  const out: Record<string, string> = { node: process.versions.node };
  for (const p of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node']) out[p] = versionOf(p);
  out.zsnas = zsnasVersion();
  return out;
}

export function zsnasVersion(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
      if (pkg.name === 'zsnas') return pkg.version as string;
    } catch {
      // bundled or installed elsewhere: try the next location
    }
  }
  return 'unknown';
}
