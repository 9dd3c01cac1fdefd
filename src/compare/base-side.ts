// The base side of a pull-request check: the spec as it is at git REF, and every repository file it names
// (arch lists, model files, custom proxy modules, the baseline) read from REF with git into a temporary folder,
// never from the working tree. Files outside the repository, or untracked inside it (downloaded datasets), are
// the same on both sides and are used where they are. A custom proxy module comes with the other files of its
// folder at REF (its relative imports), and the copy lives under the repository's node_modules/.cache when there
// is one, so that the packages it imports resolve as they do for the head.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { commitOf, ensureCommit, isTracked, kindAtCommit, listAtCommit, readAtCommit, repoPath, repoRoot } from '../git/ref-files.js';
import { parseSpec, type ParseOptions } from '../spec/load.js';
import type { ExperimentSpec } from '../spec/types.js';

export interface BaseSide {
  /** The ref as given, and the commit it names. */
  ref: string;
  sha: string;
  /** Repository root, and the spec's path relative to it. */
  root: string;
  specPath: string;
  spec: ExperimentSpec;
  /** Repository-relative path -> its copy from the base commit (only files the base spec names). */
  files: Map<string, string>;
  /** A message about the copies with each copy's path written as `REF:path`, as the user knows the file. */
  describe(message: string): string;
  /** Removes the temporary folder. */
  dispose(): void;
}

/** The spec file does not exist at the base commit (a PR that adds the experiment): there is no base side. */
export class NoBaseSpecError extends Error {}

export interface BaseSideOptions extends Pick<ParseOptions, 'knownProxies' | 'validateArch'> {
  /** Fetch the commit from origin when the clone lacks it (a shallow CI checkout). */
  fetch?: boolean;
}

export function loadBaseSide(specFile: string, ref: string, opts: BaseSideOptions = {}): BaseSide {
  const abs = realpathSync(resolve(specFile));
  const root = repoRoot(dirname(abs));
  const specPath = repoPath(root, abs);
  if (specPath === null) throw new Error(`${specFile} is outside the git repository ${root}`);
  const sha = opts.fetch ? ensureCommit(root, ref) : commitOf(root, ref);
  if (!sha) throw new Error(`--base-ref ${ref}: no such commit in ${root}`);
  const text = readAtCommit(root, sha, specPath);
  if (text === null) throw new NoBaseSpecError(`${specPath} does not exist at ${ref} (${sha.slice(0, 12)}): the base has no such experiment`);

  const cacheDir = join(root, 'node_modules', '.cache');
  if (existsSync(join(root, 'node_modules'))) mkdirSync(cacheDir, { recursive: true });
  const dir = mkdtempSync(join(existsSync(cacheDir) ? cacheDir : tmpdir(), 'zsnas-base-'));
  const files = new Map<string, string>();
  const copy = (rel: string): string => {
    const to = join(dir, rel);
    if (!files.has(rel)) {
      const bytes = readAtCommit(root, sha, rel);
      if (bytes !== null) {
        mkdirSync(dirname(to), { recursive: true });
        writeFileSync(to, bytes);
      } else if (kindAtCommit(root, sha, rel) === 'folder') {
        mkdirSync(to, { recursive: true }); // a folder where a file is expected: readers say "is a folder", not "missing"
      }
      files.set(rel, to);
    }
    return to;
  };
  // Messages name the base files as `REF:path`, not the temporary copies.
  const describe = (message: string): string => message.split(dir + '/').join(`${ref}:`);
  const specCopy = copy(specPath);
  const realSpecDir = dirname(abs);
  // A path the base spec names: a repository file comes from the base commit (missing there = missing, even if
  // the working tree has it); an untracked or outside file is used in place.
  const resolvePath = (p: string): string => {
    const real = resolve(realSpecDir, p);
    const rel = repoPath(root, real);
    if (rel === null) return real;
    if (readAtCommit(root, sha, rel) === null && !isTracked(root, rel)) return real;
    return copy(rel);
  };
  try {
    const spec = parseSpec(text.toString('utf8'), specCopy, { ...opts, resolvePath, containFrom: realSpecDir });
    for (const p of spec.proxies) {
      const rel = p.module && [...files].find(([, copy]) => copy === p.module)?.[0];
      // Not for a module at the repository root: that would copy the whole repository.
      if (rel && posix.dirname(rel) !== '.') for (const sibling of listAtCommit(root, sha, posix.dirname(rel)).slice(0, 500)) copy(sibling);
    }
    return { ref, sha, root, specPath, spec, files, describe, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const message = describe((err as Error).message);
    throw Object.assign(new Error(`base side (${ref}): ${message}`), { cause: err });
  }
}

/** The bytes of a file on the head side (working tree), or null when absent. */
export function readHead(path: string | undefined): Buffer | null {
  if (!path) return null;
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}
