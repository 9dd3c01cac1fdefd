// Runs the CLI's main in this process and captures what it writes (exit code, stdout, stderr).
import { main } from '../../src/cli.js';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const write = process.stderr.write, writeOut = process.stdout.write;
  process.stderr.write = ((s: string) => { err += s; return true; }) as typeof process.stderr.write;
  process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stderr.write = write;
    process.stdout.write = writeOut;
  }
}
