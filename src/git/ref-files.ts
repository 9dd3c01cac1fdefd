// Files as they are at a git commit, read with git itself (never from the working tree): the base side of a
// pull-request check. Plain git plumbing, run without a shell.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';

function git(cwd: string, args: string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

function gitError(err: unknown): string {
  const e = err as { stderr?: Buffer; message?: string };
  return (e.stderr?.toString().trim() || e.message || String(err)).split('\n')[0]!;
}

/** Top folder of the git work tree holding `dir`. */
export function repoRoot(dir: string): string {
  try {
    return realpathSync(git(dir, ['rev-parse', '--show-toplevel']).toString().trim());
  } catch (err) {
    throw new Error(`${dir} is not inside a git work tree (${gitError(err)}); --base-ref needs the repository`);
  }
}

/** The commit SHA a ref names, or null when this clone does not have it (e.g. a shallow checkout). */
export function commitOf(root: string, ref: string): string | null {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).toString().trim() || null;
  } catch {
    return null;
  }
}

/**
 * The commit of `ref`; when the clone lacks it and `ref` is a full SHA, fetches that one commit from `remote`
 * (`git fetch --depth=1 origin <sha>`: what a shallow actions/checkout needs for the PR's base).
 */
export function ensureCommit(root: string, ref: string, remote = 'origin'): string {
  const have = commitOf(root, ref);
  if (have) return have;
  if (!/^[0-9a-f]{40}$/i.test(ref)) throw new Error(`git ref "${ref}" is not in this clone; fetch it first (git fetch origin ${ref})`);
  try {
    git(root, ['fetch', '--no-tags', '--depth=1', remote, ref]);
  } catch (err) {
    throw new Error(`cannot fetch base commit ${ref} from ${remote}: ${gitError(err)}`);
  }
  const got = commitOf(root, ref);
  if (!got) throw new Error(`fetched ${ref} from ${remote} but it is still not a commit here`);
  return got;
}

/** Path of `abs` relative to the repository root in git's form (forward slashes), or null when outside it. */
export function repoPath(root: string, abs: string): string | null {
  const rel = relative(root, resolve(abs));
  if (rel === '' || rel.startsWith('..') || resolve(rel) === rel) return null;
  return rel.split(sep).join('/');
}

/** What `path` (repository-relative) is at `commit`: a file, a folder, or nothing (null). */
export function kindAtCommit(root: string, commit: string, path: string): 'file' | 'folder' | null {
  try {
    const t = git(root, ['cat-file', '-t', `${commit}:${path}`]).toString().trim();
    return t === 'blob' ? 'file' : t === 'tree' ? 'folder' : null;
  } catch {
    return null;
  }
}

/** The bytes of `path` (repository-relative) at `commit`, or null when the commit has no such file. */
export function readAtCommit(root: string, commit: string, path: string): Buffer | null {
  try {
    if (git(root, ['cat-file', '-t', `${commit}:${path}`]).toString().trim() !== 'blob') return null;
    return git(root, ['cat-file', 'blob', `${commit}:${path}`]);
  } catch {
    return null;
  }
}

/** True when git tracks `path` in the index (untracked data files, e.g. downloaded datasets, are not). */
export function isTracked(root: string, path: string): boolean {
  try {
    return git(root, ['ls-files', '--error-unmatch', '--', path]).length > 0;
  } catch {
    return false;
  }
}

/** Repository-relative paths of the files under `dir` (repository-relative, '' = all) at `commit`. */
export function listAtCommit(root: string, commit: string, dir: string): string[] {
  try {
    const out = git(root, ['ls-tree', '-r', '--name-only', '-z', commit, '--', dir === '' ? '.' : dir]).toString();
    return out.split('\0').filter(Boolean);
  } catch {
    return [];
  }
}
