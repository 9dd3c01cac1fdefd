// Runs the action's run() as GitHub would: INPUT_* env vars, an event payload file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pipeline } from '../../src/action/pipeline.js';
import type { ReportInput } from '../../src/report/types.js';
import { run } from '../../src/action/main.js';
import { parseOutputs } from './github-output.js';

export const HEAD_SHA = 'a'.repeat(40);
export const REPO = 'octo/zsnas-demo';

/** @actions/core caches the summary path per process, so one summary file serves every run of a test file. */
const root = mkdtempSync(join(tmpdir(), 'zsnas-action-'));
export const SUMMARY_FILE = join(root, 'step-summary.md');

export function prPayload(n: number, opts: { fork?: boolean } = {}) {
  return {
    action: 'synchronize',
    number: n,
    pull_request: {
      number: n,
      head: { sha: HEAD_SHA, repo: { full_name: opts.fork ? 'stranger/zsnas-demo' : REPO } },
      base: { repo: { full_name: REPO } },
    },
    repository: { full_name: REPO },
  };
}

/** A pipeline that returns a fixed input (and records its calls). */
export function fakePipeline(input: ReportInput, outDir: string): Pipeline & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(spec, opts) {
      calls.push(`run ${spec} ${opts.backend ?? '-'}`);
      return { outDir, input: { ...input, comparison: undefined } };
    },
    async compare(spec, opts) {
      calls.push(`compare ${spec} ${opts.resultsDir}`);
      return { outDir, input };
    },
    async updateBaseline(spec) {
      calls.push(`baseline ${spec}`);
      return { baselinePath: join(outDir, 'baseline.json') };
    },
  };
}

export interface ActionRun {
  failed: boolean;
  outputs: Record<string, string>;
  summary: string;
  resultsDir: string;
}

/** Runs the action once with the given inputs and event; restores process.exitCode (core.setFailed sets it). */
export async function runAction(opts: {
  inputs: Record<string, string>;
  event: unknown;
  eventName?: string;
  apiUrl: string;
  pipeline?: Pipeline;
}): Promise<ActionRun> {
  const dir = mkdtempSync(join(root, 'run-'));
  const eventPath = join(dir, 'event.json');
  const outputFile = join(dir, 'output.txt');
  writeFileSync(eventPath, JSON.stringify(opts.event));
  writeFileSync(outputFile, '');
  writeFileSync(SUMMARY_FILE, '');
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
  Object.assign(process.env, {
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_EVENT_NAME: opts.eventName ?? 'pull_request',
    GITHUB_API_URL: opts.apiUrl,
    // Set with GITHUB_API_URL, as the runner does: one left over from a real runner would send the identity query out.
    GITHUB_GRAPHQL_URL: `${opts.apiUrl}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: REPO,
    GITHUB_RUN_ID: '4242',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: SUMMARY_FILE,
  });
  for (const [k, v] of Object.entries(opts.inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v;
  const before = process.exitCode;
  await run({ pipeline: opts.pipeline });
  const failed = process.exitCode === 1;
  process.exitCode = before;
  return { failed, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: existsSync(SUMMARY_FILE) ? readFileSync(SUMMARY_FILE, 'utf8') : '', resultsDir: join(dir, 'results') };
}

export function tempResultsDir(): string {
  return mkdtempSync(join(root, 'results-'));
}
