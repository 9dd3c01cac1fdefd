// The action bundle is reproducible, and check-dist notices any difference: a bundle made from another current
// directory passes `check-dist --dist`, the same bundle with one byte changed or one file added fails, naming the file
// and the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));

async function checkDist(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script('check-dist.mjs'), '--dist', dir]);
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

test('two bundles are byte-identical; check-dist fails on a changed byte and on an extra file', async () => {
  const elsewhere = mkdtempSync(join(tmpdir(), 'zsnas-bundle-cwd-'));
  const first = join(elsewhere, 'bundle');
  // Built from an unrelated current directory: paths in the bundle must not depend on it.
  await run(process.execPath, [script('bundle-action.mjs'), '--out', first], { cwd: elsewhere });

  const same = await checkDist(first);
  assert.equal(same.code, 0, same.out);
  assert.match(same.out, /matches a fresh bundle \(\d+ files\)/);

  appendFileSync(join(first, 'index.js'), '\n');
  writeFileSync(join(first, 'stray.js'), '');
  const changed = await checkDist(first);
  assert.equal(changed.code, 1, changed.out);
  assert.ok(changed.out.includes(`differs from a fresh bundle: ${first}/index.js`), changed.out);
  assert.ok(changed.out.includes(`in ${first} but not in a fresh bundle: stray.js`), changed.out);
  assert.ok(changed.out.includes('run `npm ci && npm run bundle`, then commit dist/action'), changed.out);
});
