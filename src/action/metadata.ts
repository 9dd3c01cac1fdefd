// Metadata the pull_request job leaves beside its results, so the workflow_run commenter can check what it posts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic.js';

export const METADATA_FILE = 'zsnas-meta.json';

export interface ResultsMetadata {
  formatVersion: 1;
  experiment: string;
  /** OWNER/REPO the pull request targets. */
  repository: string;
  prNumber: number;
  headSha: string;
  runId?: string;
  /** The pull request's head is in another repository: the job made no write request. */
  fork?: boolean;
  /** Why the pull_request job itself posted no comment (fork, comment off, no token), as said in its summary. */
  notPosted?: string;
}

export async function writeMetadata(resultsDir: string, meta: ResultsMetadata): Promise<string> {
  const path = join(resultsDir, METADATA_FILE);
  await writeFileAtomic(path, `${JSON.stringify(meta, null, 2)}\n`);
  return path;
}

/** Reads and checks the metadata of a downloaded artifact; never trusts its shape. */
export async function readMetadata(resultsDir: string): Promise<ResultsMetadata> {
  const path = join(resultsDir, METADATA_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new Error(`${path}: cannot read the results metadata (${(err as Error).message}); was the artifact uploaded by zsnas-pr.yml?`);
  }
  const m = raw as Partial<ResultsMetadata>;
  const bad = (field: string, expected: string) => new Error(`${path}: field \`${field}\` is ${JSON.stringify((m as Record<string, unknown>)[field])}; expected ${expected}`);
  if (m.formatVersion !== 1) throw bad('formatVersion', '1');
  if (typeof m.experiment !== 'string' || !/^[^\u0000-\u001f]{1,200}$/.test(m.experiment)) throw bad('experiment', 'a one-line name');
  if (typeof m.repository !== 'string' || !/^[\w.-]+\/[\w.-]+$/.test(m.repository)) throw bad('repository', 'OWNER/REPO');
  if (!Number.isInteger(m.prNumber) || (m.prNumber as number) <= 0) throw bad('prNumber', 'a positive integer');
  if (typeof m.headSha !== 'string' || !/^[0-9a-f]{40}$/.test(m.headSha)) throw bad('headSha', 'a 40-hex-digit commit sha');
  if (m.fork !== undefined && typeof m.fork !== 'boolean') throw bad('fork', 'true or false');
  return m as ResultsMetadata;
}
