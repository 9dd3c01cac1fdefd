// The few GitHub REST calls zsnas makes, over fetch (Node >= 20). baseUrl comes from GITHUB_API_URL so tests and GHES work.

export interface IssueComment {
  id: number;
  body: string;
  html_url?: string;
  /** Author as GitHub reports it; `type` is "Bot" for app installation tokens (GITHUB_TOKEN: github-actions[bot]). */
  user?: { login?: string; type?: string } | null;
  /** The GitHub App that wrote the comment on a user's or its own behalf; null for a personal token. */
  performed_via_github_app?: { slug?: string } | null;
}

/** Who the token acts as: a user (personal token) or an app's bot user (installation token, e.g. GITHUB_TOKEN). */
export interface TokenIdentity {
  login: string;
  bot: boolean;
}

/** The Actions GITHUB_TOKEN is an installation token of the `github-actions` app; its comments are this bot's. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface PutContent {
  path: string;
  branch: string;
  message: string;
  content: Uint8Array;
  /** Blob sha of the file being replaced; required by GitHub when the path exists. */
  sha?: string;
}

export interface GitHubApi {
  /**
   * The token's own identity. GET /user answers for a personal token; installation tokens get 403 there, so their bot
   * login comes from GraphQL `viewer` (GITHUB_GRAPHQL_URL), or is the Actions bot when that cannot be asked.
   */
  getIdentity(): Promise<TokenIdentity>;
  /** Every comment of an issue or pull request, following the Link rel="next" pages. */
  listIssueComments(owner: string, repo: string, issueNumber: number): Promise<IssueComment[]>;
  createIssueComment(owner: string, repo: string, issueNumber: number, body: string): Promise<IssueComment>;
  updateIssueComment(owner: string, repo: string, commentId: number, body: string): Promise<IssueComment>;
  getPullHeadSha(owner: string, repo: string, pullNumber: number): Promise<string>;
  /** Commit sha a branch points at, or null when the branch does not exist. */
  getBranchSha(owner: string, repo: string, branch: string): Promise<string | null>;
  /** Creates a branch whose first commit has no parent (so no source code is copied into it). */
  createOrphanBranch(owner: string, repo: string, branch: string, readme: string): Promise<void>;
  /** Blob sha of a file on a branch, or null when absent. */
  getContentSha(owner: string, repo: string, path: string, branch: string): Promise<string | null>;
  putContent(owner: string, repo: string, put: PutContent): Promise<void>;
  /** The artifacts of a workflow run (first 100), for linking the results artifact; needs `actions: read`. */
  listRunArtifacts?(owner: string, repo: string, runId: number): Promise<Array<{ id: number; name: string }>>;
}

export class GitHubHttpError extends Error {
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly apiMessage: string,
  ) {
    super(`GitHub API ${method} ${path} answered ${status}: ${apiMessage}`);
    this.name = 'GitHubHttpError';
  }
}

const enc = (s: string) => encodeURIComponent(s);
const encPath = (p: string) => p.split('/').map(enc).join('/');

function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** GraphQL endpoint beside a REST base: api.github.com/graphql, or https://HOST/api/graphql on GitHub Enterprise. */
export function graphqlUrlFor(restBase: string): string {
  return /\/api\/v3$/.test(restBase) ? restBase.replace(/\/v3$/, '/graphql') : `${restBase}/graphql`;
}

export function createGitHubApi(token: string, opts: { baseUrl?: string; graphqlUrl?: string; fetch?: typeof fetch } = {}): GitHubApi {
  const baseUrl = (opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  // GITHUB_GRAPHQL_URL belongs with GITHUB_API_URL: use it only when the REST base came from the environment too.
  const graphqlUrl = opts.graphqlUrl ?? (opts.baseUrl === undefined ? process.env.GITHUB_GRAPHQL_URL : undefined) ?? graphqlUrlFor(baseUrl);
  const doFetch = opts.fetch ?? fetch;

  async function request<T>(method: string, pathOrUrl: string, body?: unknown): Promise<{ data: T; link: string | null }> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
    const res = await doFetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'zsnas-action',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = text;
    }
    if (!res.ok) {
      const msg = typeof data === 'object' && data && 'message' in data ? String((data as { message: unknown }).message) : text.slice(0, 200);
      throw new GitHubHttpError(res.status, method, new URL(url).pathname, msg);
    }
    return { data: data as T, link: res.headers.get('link') };
  }

  const repoPath = (owner: string, repo: string) => `/repos/${enc(owner)}/${enc(repo)}`;

  let identity: Promise<TokenIdentity> | undefined;
  async function askIdentity(): Promise<TokenIdentity> {
    try {
      const { data } = await request<{ login: string; type?: string }>('GET', '/user');
      return { login: data.login, bot: data.type === 'Bot' };
    } catch (err) {
      // 403 "Resource not accessible by integration": an installation token, which has no user of its own.
      if (!(err instanceof GitHubHttpError && err.status === 403)) throw err;
    }
    try {
      // A query, not a write: GraphQL takes every request as a POST.
      const { data } = await request<{ data?: { viewer?: { login?: string } } }>('POST', graphqlUrl, { query: 'query { viewer { login } }' });
      const login = data?.data?.viewer?.login;
      if (typeof login === 'string' && login !== '') return { login, bot: true };
    } catch (err) {
      if (!(err instanceof GitHubHttpError)) throw err;
    }
    return { login: ACTIONS_BOT_LOGIN, bot: true };
  }

  return {
    getIdentity() {
      identity ??= askIdentity();
      return identity;
    },
    async listIssueComments(owner, repo, issueNumber) {
      const all: IssueComment[] = [];
      let url: string | undefined = `${repoPath(owner, repo)}/issues/${issueNumber}/comments?per_page=100`;
      // Bounded: 1,000 pages of 100 comments is far beyond any real pull request.
      for (let page = 0; url && page < 1000; page++) {
        const { data, link }: { data: IssueComment[]; link: string | null } = await request<IssueComment[]>('GET', url);
        all.push(...data);
        url = nextLink(link);
      }
      return all;
    },
    async createIssueComment(owner, repo, issueNumber, body) {
      return (await request<IssueComment>('POST', `${repoPath(owner, repo)}/issues/${issueNumber}/comments`, { body })).data;
    },
    async updateIssueComment(owner, repo, commentId, body) {
      return (await request<IssueComment>('PATCH', `${repoPath(owner, repo)}/issues/comments/${commentId}`, { body })).data;
    },
    async getPullHeadSha(owner, repo, pullNumber) {
      return (await request<{ head: { sha: string } }>('GET', `${repoPath(owner, repo)}/pulls/${pullNumber}`)).data.head.sha;
    },
    async getBranchSha(owner, repo, branch) {
      try {
        return (await request<{ object: { sha: string } }>('GET', `${repoPath(owner, repo)}/git/ref/heads/${encPath(branch)}`)).data.object.sha;
      } catch (err) {
        if (err instanceof GitHubHttpError && err.status === 404) return null;
        throw err;
      }
    },
    async createOrphanBranch(owner, repo, branch, readme) {
      const base = repoPath(owner, repo);
      const tree = await request<{ sha: string }>('POST', `${base}/git/trees`, {
        tree: [{ path: 'README.md', mode: '100644', type: 'blob', content: readme }],
      });
      const commit = await request<{ sha: string }>('POST', `${base}/git/commits`, {
        message: `Create ${branch} for zsnas report images`,
        tree: tree.data.sha,
        parents: [],
      });
      await request('POST', `${base}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit.data.sha });
    },
    async getContentSha(owner, repo, path, branch) {
      try {
        const url = `${repoPath(owner, repo)}/contents/${encPath(path)}?ref=${enc(branch)}`;
        return (await request<{ sha: string }>('GET', url)).data.sha;
      } catch (err) {
        if (err instanceof GitHubHttpError && err.status === 404) return null;
        throw err;
      }
    },
    async listRunArtifacts(owner, repo, runId) {
      const url = `${repoPath(owner, repo)}/actions/runs/${runId}/artifacts?per_page=100`;
      const { data } = await request<{ artifacts?: Array<{ id: number; name: string }> }>('GET', url);
      return (data?.artifacts ?? []).filter((a) => Number.isSafeInteger(a?.id) && typeof a?.name === 'string');
    },
    async putContent(owner, repo, put) {
      await request('PUT', `${repoPath(owner, repo)}/contents/${encPath(put.path)}`, {
        message: put.message,
        branch: put.branch,
        content: Buffer.from(put.content).toString('base64'),
        ...(put.sha ? { sha: put.sha } : {}),
      });
    },
  };
}
