// Runs the COMMITTED bundle (dist/action/index.js, what `runs.main` in action.yml names) as the runner does: a child
// process with INPUT_* variables, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
// GITHUB_API_URL / GITHUB_GRAPHQL_URL pointing at the loopback fake GitHub API.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReport } from '../../src/report/render.js';
import { writeMetadata } from '../../src/action/metadata.js';
import type { ReportInput } from '../../src/report/types.js';
import { parseOutputs } from './github-output.js';

export const DIST_ENTRY = fileURLToPath(new URL('../../dist/action/index.js', import.meta.url));
export const HEAD_SHA = 'a'.repeat(40);
/** Said with a failure: these tests run the committed bundle, which may simply be older than the source. */
export const STALE_HINT = 'if dist/action is older than src/ (`node scripts/check-dist.mjs` tells), run `npm run bundle` and commit dist/action';
export const REPO = 'octo/zsnas-demo';

/** A one-arch NB201 spec that scores in seconds; `tail` holds its latency and backend lines. */
export function tinySpec(tail: string): string {
  return `name: tiny
space: nb201
dataset: cifar10
seed: 0
archs:
  - '|nor_conv_1x1~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|'
data:
  gaussian: { seed: 0 }
  batch_size: 2
  batches: 1
proxies: [params]
${tail}`;
}

export interface DistRun {
  code: number | null;
  outputs: Record<string, string>;
  summary: string;
  log: string;
  dir: string;
}

/**
 * A checkout as actions/checkout leaves it for a pull request: a git repository whose base commit holds `files` and
 * whose head commit (checked out) changes them to `headFiles`.
 */
export function gitCheckout(files: Record<string, string>, headFiles: Record<string, string>): { dir: string; baseSha: string; headSha: string } {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-checkout-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=zsnas-test', '-c', 'user.email=test@zsnas.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q');
  const commit = (set: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(set)) writeFileSync(join(dir, name), text);
    git('add', '-A');
    git('commit', '-q', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const baseSha = commit(files, 'base');
  const headSha = commit(headFiles, 'head');
  return { dir, baseSha, headSha };
}

/**
 * One `node dist/action/index.js` run with `dir` (default: a fresh folder) as its working directory; `entry`: a copy
 * of the bundle elsewhere (default the committed one).
 */
export async function runDist(opts: { inputs: Record<string, string>; event: unknown; eventName: string; apiUrl: string; dir?: string; entry?: string }): Promise<DistRun> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'zsnas-dist-'));
  // The runner keeps these files outside the workspace (RUNNER_TEMP): a checkout stays clean.
  const runnerTemp = mkdtempSync(join(tmpdir(), 'zsnas-runner-'));
  const paths = { event: join(runnerTemp, 'event.json'), output: join(runnerTemp, 'output.txt'), summary: join(runnerTemp, 'summary.md') };
  writeFileSync(paths.event, JSON.stringify(opts.event));
  writeFileSync(paths.output, '');
  writeFileSync(paths.summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_GRAPHQL_URL: `${opts.apiUrl}/graphql`,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: dir,
  };
  // The runner's naming: INPUT_ + the input's name upper-cased, spaces as '_' (dashes stay).
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  // Asynchronous on purpose: the fake API answers from this process's event loop.
  const { code, log } = await new Promise<{ code: number | null; log: string }>((resolve) => {
    execFile(process.execPath, [opts.entry ?? DIST_ENTRY], { cwd: dir, env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const c = err ? ((err as { code?: unknown }).code as number | null) ?? 1 : 0;
      resolve({ code: typeof c === 'number' ? c : 1, log: `${stdout}${stderr}` });
    });
  });
  return { code, outputs: parseOutputs(readFileSync(paths.output, 'utf8')), summary: readFileSync(paths.summary, 'utf8'), log, dir };
}

/** The results folder a zsnas-pr.yml job uploads (report/ + zsnas-meta.json), for `mode: comment` without scoring. */
export async function preparedArtifact(input: ReportInput, prNumber: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-artifact-'));
  await writeReport(dir, input, { commit: HEAD_SHA });
  await writeMetadata(dir, { formatVersion: 1, experiment: input.experiment, repository: REPO, prNumber, headSha: HEAD_SHA, runId: '4241', fork: false });
  return dir;
}

export function workflowRunEvent(prNumber: number | null) {
  return {
    action: 'completed',
    workflow_run: {
      id: 4241,
      event: 'pull_request',
      head_sha: HEAD_SHA,
      html_url: `https://github.com/${REPO}/actions/runs/4241`,
      pull_requests: prNumber === null ? [] : [{ number: prNumber }],
    },
  };
}
