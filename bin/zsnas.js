#!/usr/bin/env node
// Runs the compiled CLI (npm install / npm ci builds build/ through the `prepare` script).
import { existsSync } from 'node:fs';

const entry = new URL('../build/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('zsnas: build/ is missing; run `npm run build` (npm ci does it through `prepare`).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
