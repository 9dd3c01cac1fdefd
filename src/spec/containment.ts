// A spec is code-adjacent: it names a module that is imported, a baseline and an output folder that are written,
// and files that are read. Those paths stay inside the repository the spec belongs to (its git checkout, or its own
// folder outside git, plus $GITHUB_WORKSPACE in the Action) unless the user passes --allow-outside-paths, so a spec
// from a pull request cannot import /tmp/evil.mjs or write ../../.bashrc. Data files are read-only inputs and may
// also come from the data folder ($ZSNAS_DATA_DIR, or ../shared/data beside the checkout or the working directory:
// where the reproduction configs point). Symlinks are followed before judging.
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** What a path is used for: `data` may also lie in the data folder; `code`, `write` and `model` may not. */
export type PathUse = 'code' | 'write' | 'model' | 'data';

export interface PathPolicy {
  /** Folders every spec path may lie in (real paths). */
  roots: string[];
  /** Further folders for data files. */
  dataRoots: string[];
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in a worktree), or undefined. */
export function gitRoot(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The real path of `p`, following symlinks in the part that exists (the rest may be created later). */
export function realish(p: string): string {
  const missing: string[] = [];
  for (let d = resolve(p); ; d = dirname(d)) {
    try {
      return join(realpathSync(d), ...missing.reverse());
    } catch {
      if (dirname(d) === d) return resolve(p);
      missing.push(basename(d));
    }
  }
}

export function pathPolicy(specDir: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): PathPolicy {
  const repo = gitRoot(specDir) ?? specDir;
  const roots = [repo, ...(env.GITHUB_WORKSPACE ? [env.GITHUB_WORKSPACE] : [])].map(realish);
  const data = [
    ...(env.ZSNAS_DATA_DIR ? [resolve(cwd, env.ZSNAS_DATA_DIR)] : []), resolve(repo, '..', 'shared', 'data'), resolve(cwd, '..', 'shared', 'data'),
  ].map(realish);
  return { roots, dataRoots: data };
}

const inside = (p: string, root: string) => {
  const rel = relative(root, p);
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** Why `abs` may not be used as `use` under `policy`, or null when it may. */
export function outsideProblem(abs: string, use: PathUse, policy: PathPolicy): string | null {
  const real = realish(abs);
  const allowed = use === 'data' ? [...policy.roots, ...policy.dataRoots] : policy.roots;
  if (allowed.some((root) => inside(real, root))) return null;
  const where = use === 'data' ? `the repository ${policy.roots[0]} or a data folder ($ZSNAS_DATA_DIR, ../shared/data beside the checkout)` : `the repository ${policy.roots[0]}`;
  return `a path inside ${where}`;
}

/** Whether a path the spec names may be used: asks the parse's `contain` (absent: no containment asked for). */
export function contained<N>(ctx: { contain?: (node: N, field: string, p: string, use: PathUse) => boolean }, node: N, field: string, p: string, use: PathUse): boolean {
  return ctx.contain?.(node, field, p, use) ?? true;
}
