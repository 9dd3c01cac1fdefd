// Every subcommand answers --help with usage and examples; --version prints the package version; unknown flags
// and commands get a did-you-mean, in one line, exit code non-zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli.js';
import { COMMANDS } from '../../src/commands/help.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const [o, e] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof o;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof e;
  try { return { code: await main(args), out, err }; } finally { process.stdout.write = o; process.stderr.write = e; }
}

test('--help for every subcommand, with examples', async () => {
  for (const cmd of Object.keys(COMMANDS)) {
    const r = await cli(cmd, '--help');
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, new RegExp(`^Usage: zsnas ${cmd}`), cmd);
    assert.match(r.out, /Examples:\n {2}npx zsnas /, cmd);
  }
});

test('--version', async () => {
  const r = await cli('--version');
  assert.equal(r.out, `zsnas ${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
});

test('unknown flags and commands: did-you-mean, one line', async () => {
  const f = await cli('run', '--outt', 'x');
  assert.equal(f.code, 1);
  assert.equal(f.err, 'zsnas run: unknown flag --outt (did you mean --out?); see zsnas run --help\n');
  const c = await cli('compar');
  assert.equal(c.code, 2);
  assert.equal(c.err, 'zsnas: unknown command "compar" (did you mean "compare"?); see zsnas --help\n');
});
