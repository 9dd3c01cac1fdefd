// Runs the CLI from source (child processes in tests; the installed bin runs build/cli.js).
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
