// What in a pull request changes how it is judged: the spec file, its thresholds, the baseline file and custom
// proxy modules, compared between the base commit (BaseSide) and the working tree. The PR is always judged by the
// base's versions; this list lets the report say that the PR would change them.
import { isDeepStrictEqual } from 'node:util';
import { repoPath } from '../git/ref-files.js';
import type { ExperimentSpec } from '../spec/types.js';
import { readHead, type BaseSide } from './base-side.js';

const sameBytes = (a: Buffer | null, b: Buffer | null): boolean => (a === null ? b === null : b !== null && a.equals(b));

export function judgingChanges(head: ExperimentSpec, base: BaseSide): string[] {
  const out: string[] = [];
  const rel = (abs: string) => repoPath(base.root, abs) ?? abs;
  // Base paths are the copies from the base commit (or, for untracked files, the files in place).
  const baseBytes = readHead;
  const baseKey = (abs: string) => [...base.files].find(([, copy]) => copy === abs)?.[0] ?? rel(abs);
  if (!sameBytes(readHead(head.file), baseBytes(base.files.get(base.specPath)))) out.push(base.specPath);
  if (!isDeepStrictEqual(head.thresholds, base.spec.thresholds)) out.push(`${base.specPath}: thresholds`);
  // The baseline: where the base spec keeps it (from the base commit) vs where the head spec keeps it (working tree).
  const headBaseline = head.baseline ? rel(head.baseline) : undefined;
  const baseBaselineKey = base.spec.baseline ? baseKey(base.spec.baseline) : undefined;
  if (headBaseline !== baseBaselineKey || !sameBytes(readHead(head.baseline), baseBytes(base.spec.baseline))) {
    out.push(headBaseline ?? baseBaselineKey ?? 'baseline');
  }
  const modules = new Map<string, { head?: string; base?: string }>();
  for (const p of head.proxies) if (p.module) modules.set(rel(p.module), { head: p.module });
  for (const p of base.spec.proxies) {
    if (!p.module) continue;
    const key = baseKey(p.module);
    modules.set(key, { ...modules.get(key), base: p.module });
  }
  for (const [key, m] of modules) if (!sameBytes(readHead(m.head), baseBytes(m.base))) out.push(key);
  return out;
}
