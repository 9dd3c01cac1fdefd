// Per-command help with examples, `--version`, and flag errors that name the flag and suggest the nearest one
// (instead of node's own parseArgs text).
import { readFileSync } from 'node:fs';
import { didYouMean } from '../spec/suggest.js';
import { clip } from '../io/input-error.js';

interface CommandHelp { usage: string; flags: string[]; examples: string[] }

export const COMMANDS: Record<string, CommandHelp> = {
  run: {
    usage: 'zsnas run [SPEC] [--out DIR] [--archs FILE] [--proxies a,b,c] [--backend auto|node|wasm|cpu] [--seed N] [--data CIFAR.bin]\n' +
      '          [--shard i/n] [--jobs N] [--cache DIR] [--no-latency] [--base-ref REF] [--batch-size N] [--init SCHEME]\n' +
      '          [--latency-engine auto|onnxruntime|tfjs] [--proxy-engine auto|onnxruntime|tfjs]',
    flags: ['out', 'archs', 'proxies', 'backend', 'seed', 'data', 'shard', 'no-latency', 'cache', 'jobs', 'base-ref', 'batch-size', 'init',
      'latency-engine', 'proxy-engine', 'help'],
    examples: ['npx zsnas run                                   # the embedded default experiment', 'npx zsnas run configs/pr-check.yml --out out/pr',
      'npx zsnas run configs/nb201-cifar10.yml --jobs 2', 'npx zsnas run configs/pr-check.yml --proxies params,synflow --seed 1'],
  },
  merge: { usage: 'zsnas merge [--partial] OUT_DIR SHARD_DIR... | zsnas merge --proxies [--replace] OUT_DIR RUN_DIR RUN_DIR...', flags: ['partial', 'proxies', 'replace', 'help'],
    examples: ['npx zsnas merge out/all out/shard-0 out/shard-1', 'npx zsnas merge --proxies out/all out/first-15-proxies out/added-proxies',
      'npx zsnas merge --proxies --replace out/all reports/nb201-cifar10 out/zico-recomputed'] },
  baseline: { usage: 'zsnas baseline update SPEC --results DIR', flags: ['results', 'help'], examples: ['npx zsnas baseline update configs/pr-check.yml --results out/pr-check'] },
  compare: { usage: 'zsnas compare SPEC --results DIR [--fail-on-regression]', flags: ['results', 'fail-on-regression', 'help'],
    examples: ['npx zsnas compare configs/pr-check.yml --results out/pr-check --fail-on-regression'] },
  correlate: { usage: 'zsnas correlate SPEC --results DIR [--bootstrap B]', flags: ['results', 'bootstrap', 'help'],
    examples: ['npx zsnas correlate configs/nb201-cifar10.yml --results out/nb201-cifar10'] },
  'hw-aware': { usage: 'zsnas hw-aware SPEC [--out DIR] [--from DIR] [--budgets K] [--latency-engine auto|onnxruntime|tfjs]',
    flags: ['out', 'from', 'budgets', 'latency-engine', 'help'],
    examples: ['npx zsnas hw-aware configs/nb201-hw-aware.yml --out reports/hw-aware'] },
  site: { usage: 'zsnas site [--reports DIR] [--out DIR] [--history FILE] | zsnas site --record DIR --commit SHA [--date ISO]',
    flags: ['reports', 'out', 'history', 'record', 'commit', 'date', 'help'], examples: ['npx zsnas site --out out/site', 'npx zsnas site --record out/pr-check --commit $(git rev-parse HEAD)'] },
  sweep: { usage: 'zsnas sweep SPEC [--out DIR] [--jobs N | --shard i/n] [--archs FILE] [--proxies a,b] [--bootstrap B] | zsnas sweep SPEC --merge [--partial] SHARD_DIR... [--out DIR]',
    flags: ['out', 'jobs', 'shard', 'archs', 'proxies', 'backend', 'seed', 'data', 'cache', 'results', 'merge', 'partial', 'bootstrap', 'help'],
    examples: ['npx zsnas sweep configs/examples/sweep.yml --jobs 2', 'npx zsnas sweep configs/examples/sweep.yml --merge --partial shard-0 shard-2 --out out/sweep'] },
  proxies: { usage: 'zsnas proxies', flags: ['help'], examples: ['npx zsnas proxies'] },
};

/** Accepted by every command (cli.ts takes it out before a command parses its flags). */
export const GLOBAL_FLAGS = ['allow-outside-paths'];
const GLOBAL_HELP = '--allow-outside-paths: let the spec name files outside its repository (modules, models, data, baseline, output)';

export function commandHelp(cmd: string): string {
  const h = COMMANDS[cmd];
  return `Usage: ${h.usage}\n\n${cmd === 'proxies' || cmd === 'site' || cmd === 'merge' ? '' : `${GLOBAL_HELP}\n\n`}Examples:\n${h.examples.map((e) => `  ${e}`).join('\n')}\n`;
}

export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** node's parseArgs errors, rewritten: the flag, the nearest known flag of the command, and where help is. */
export function flagError(cmd: string, e: unknown): string | undefined {
  const code = (e as { code?: string }).code;
  if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && code !== 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return undefined;
  const msg = (e as Error).message;
  const flag = /'(-{1,2}[^' ]+)'/.exec(msg)?.[1] ?? '';
  const known = [...(COMMANDS[cmd]?.flags ?? []), ...GLOBAL_FLAGS];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = flag.replace(/^-+/, '').split('=')[0];
    const hint = didYouMean(name, known).replace(/"([^"]+)"/, '--$1');
    return `unknown flag ${clip(flag)}${hint}; see zsnas ${cmd} --help`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${clip(flag || 'a flag')}: ${/needs an argument|does not take/.test(msg) ? (msg.includes('does not take') ? 'takes no value' : 'needs a value') : 'invalid value'}; see zsnas ${cmd} --help`;
  return `unexpected argument; see zsnas ${cmd} --help`;
}
