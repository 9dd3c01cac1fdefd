// Fails when dist/action (the bundle action.yml runs, as committed) is not what `npm run bundle` makes from this
// source: users run the committed bundle, and test/action/dist-*.test.ts run it, so it must not go stale.
// Bundles into a temporary folder (dist/action is left as it is), then compares every file's bytes, both ways.
// Usage: node scripts/check-dist.mjs [--dist DIR]   (default DIR: dist/action, whose git status is checked too)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const distArg = process.argv.indexOf('--dist');
const ownDist = !(distArg > 0 && process.argv[distArg + 1]);
const committed = ownDist ? join(root, 'dist', 'action') : resolve(process.argv[distArg + 1]);
const FIX =
  'To fix: on linux-x64 (the platform whose native PNG addon the bundle carries) run `npm ci && npm run bundle`, ' +
  'then commit dist/action.';

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(relative(dir, join(d, e.name)).split('\\').join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

const fresh = mkdtempSync(join(tmpdir(), 'zsnas-check-dist-'));
try {
  try {
    execFileSync(process.execPath, [join(root, 'scripts', 'bundle-action.mjs'), '--out', fresh], { stdio: 'pipe' });
  } catch (err) {
    process.stderr.write(err.stderr ?? '');
    throw new Error('check-dist: the bundle did not build (see above)');
  }
  const a = files(committed);
  const b = files(fresh);
  const problems = [];
  const shown = ownDist ? 'dist/action' : committed;
  for (const f of b) if (!a.includes(f)) problems.push(`missing from ${shown}: ${f}`);
  for (const f of a) if (!b.includes(f)) problems.push(`in ${shown} but not in a fresh bundle: ${f}`);
  for (const f of a.filter((x) => b.includes(x))) {
    if (!readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f)))) problems.push(`differs from a fresh bundle: ${shown}/${f}`);
  }
  // The committed bundle is what users get: a rebundled but uncommitted dist/action does not count.
  if (ownDist && existsSync(join(root, '.git'))) {
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'dist/action'], { cwd: root, encoding: 'utf8' }).trim();
    if (dirty) problems.push(`dist/action has uncommitted changes:\n${dirty.split('\n').map((l) => `    ${l}`).join('\n')}`);
  }
  if (problems.length > 0) {
    console.error(`check-dist: ${shown} is not the bundle of this source (${problems.length} problem(s)):`);
    for (const p of problems) console.error(`  - ${p}`);
    console.error(FIX);
    process.exitCode = 1;
  } else {
    console.log(`check-dist: ${shown} matches a fresh bundle (${a.length} files).`);
  }
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
