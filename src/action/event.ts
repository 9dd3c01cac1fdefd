// What the action needs from the triggering event, read from the payload file GitHub writes (GITHUB_EVENT_PATH).
import { readFileSync } from 'node:fs';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestRef {
  number: number;
  headSha: string;
  /** Head branch lives in another repository: the token is read-only whatever the workflow asks. */
  isFork: boolean;
}

export function readEventPayload(): Record<string, unknown> {
  const file = process.env.GITHUB_EVENT_PATH;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Cannot read the event payload GITHUB_EVENT_PATH=${file}: ${(err as Error).message}`);
  }
}

export function currentRepo(): RepoRef {
  const full = process.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = full.split('/');
  if (!owner || !repo || rest.length) throw new Error(`GITHUB_REPOSITORY is "${full}"; expected OWNER/REPO`);
  return { owner, repo };
}

interface PrPayload {
  number?: number;
  head?: { sha?: string; repo?: { full_name?: string } | null };
  base?: { sha?: string; repo?: { full_name?: string } };
}

/** The PR's base commit (pull_request.base.sha): the side a `mode: run` check compares the head with. */
export function baseShaFromPayload(payload: Record<string, unknown>): string | undefined {
  const sha = (payload.pull_request as PrPayload | undefined)?.base?.sha;
  return typeof sha === 'string' && /^[0-9a-f]{40}$/i.test(sha) ? sha : undefined;
}

/** The pull request of a pull_request / pull_request_target event, or null for any other event. */
export function pullRequestFromPayload(payload: Record<string, unknown>): PullRequestRef | null {
  const pr = payload.pull_request as PrPayload | undefined;
  if (!pr || typeof pr.number !== 'number' || typeof pr.head?.sha !== 'string') return null;
  const head = pr.head.repo?.full_name;
  const base = pr.base?.repo?.full_name;
  return { number: pr.number, headSha: pr.head.sha, isFork: !head || (base !== undefined && head !== base) };
}

export function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = process.env;
  return repo && id ? `${server}/${repo}/actions/runs/${id}` : undefined;
}
