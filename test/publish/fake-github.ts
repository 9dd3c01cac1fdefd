// An in-memory stand-in for the GitHub REST endpoints zsnas uses, on 127.0.0.1 (port 0). Nothing reaches GitHub.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user?: { login: string; type: 'User' | 'Bot' };
  performed_via_github_app?: { slug: string } | null;
}

/**
 * Who the token is. `app`: an installation token (GITHUB_TOKEN): GET /user answers 403 and GraphQL `viewer` names the
 * bot, unless `graphql: false` (then /graphql answers 404). `user`: a personal token, GET /user names the user.
 */
export type FakeIdentity = { kind: 'app'; slug: string; graphql?: boolean } | { kind: 'user'; login: string };

/** The identity GitHub gives GITHUB_TOKEN, and the author of the comments it writes. */
export const ACTIONS_APP: FakeIdentity = { kind: 'app', slug: 'github-actions' };

export function authorOf(identity: FakeIdentity): Pick<FakeComment, 'user' | 'performed_via_github_app'> {
  return identity.kind === 'app'
    ? { user: { login: `${identity.slug}[bot]`, type: 'Bot' }, performed_via_github_app: { slug: identity.slug } }
    : { user: { login: identity.login, type: 'User' }, performed_via_github_app: null };
}

export interface FakeState {
  comments: Map<number, FakeComment[]>;
  branches: Map<string, string>;
  /** `${branch}:${path}` -> file */
  files: Map<string, { sha: string; content: Buffer }>;
  pulls: Map<number, string>;
  /** workflow run id -> its artifacts */
  artifacts: Map<number, Array<{ id: number; name: string }>>;
  requests: string[];
}

export interface FakeOptions {
  token?: string;
  /** Server-side page cap (GitHub's is 100). */
  maxPerPage?: number;
  /** Answer this status to every request of a kind, e.g. { comments: 403 } for a read-only token. */
  deny?: Partial<Record<'comments' | 'contents' | 'pulls', number>>;
  /** The token's identity; GITHUB_TOKEN's by default. */
  identity?: FakeIdentity;
}

export interface FakeGitHub {
  url: string;
  state: FakeState;
  close(): Promise<void>;
}

const sha1 = (b: Buffer | string) => createHash('sha1').update(b).digest('hex');

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeGitHub(opts: FakeOptions = {}): Promise<FakeGitHub> {
  const token = opts.token ?? 'test-token';
  const maxPerPage = opts.maxPerPage ?? 100;
  const identity = opts.identity ?? ACTIONS_APP;
  const state: FakeState = { comments: new Map(), branches: new Map(), files: new Map(), pulls: new Map(), artifacts: new Map(), requests: [] };
  let nextId = 1000;
  let base = '';

  const send = (res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(data));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    state.requests.push(`${method} ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: 'Bad credentials' });
    if (url.pathname === '/user' && method === 'GET') {
      if (identity.kind === 'app') return send(res, 403, { message: 'Resource not accessible by integration' });
      return send(res, 200, { login: identity.login, type: 'User' });
    }
    if (url.pathname === '/graphql' && method === 'POST') {
      const q = await readBody(req);
      if (identity.kind === 'app' && identity.graphql === false) return send(res, 404, { message: 'Not Found' });
      if (!/^query\s*\{\s*viewer\s*\{\s*login\s*\}\s*\}$/.test(String(q?.query))) return send(res, 400, { message: 'only the viewer query is faked' });
      return send(res, 200, { data: { viewer: { login: authorOf(identity).user!.login } } });
    }
    const p = url.pathname.split('/').map(decodeURIComponent);
    // ['', 'repos', owner, repo, ...rest]
    if (p[1] !== 'repos' || p.length < 5) return send(res, 404, { message: 'Not Found' });
    const [, , owner, repo, ...rest] = p;
    const kind = rest[0] === 'issues' ? 'comments' : rest[0] === 'pulls' ? 'pulls' : 'contents';
    const denied = opts.deny?.[kind];
    if (denied) return send(res, denied, { message: 'Resource not accessible by integration' });
    const body = method === 'GET' ? undefined : await readBody(req);

    if (rest[0] === 'issues' && rest[2] === 'comments' && rest.length === 3) {
      const n = Number(rest[1]);
      const list = state.comments.get(n) ?? [];
      if (method === 'GET') {
        const per = Math.min(Number(url.searchParams.get('per_page') ?? 30), maxPerPage);
        const page = Number(url.searchParams.get('page') ?? 1);
        const last = Math.max(1, Math.ceil(list.length / per));
        const link = (pg: number) => `<${base}/repos/${owner}/${repo}/issues/${n}/comments?per_page=${per}&page=${pg}>`;
        const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
        return send(res, 200, list.slice((page - 1) * per, page * per), links.length ? { link: links.join(', ') } : {});
      }
      if (method === 'POST') {
        const id = nextId++;
        const c = { id, body: String(body.body), html_url: `https://github.com/${owner}/${repo}/pull/${n}#issuecomment-${id}`, ...authorOf(identity) };
        state.comments.set(n, [...list, c]);
        return send(res, 201, c);
      }
    }
    if (rest[0] === 'issues' && rest[1] === 'comments' && rest.length === 3 && method === 'PATCH') {
      for (const list of state.comments.values()) {
        const c = list.find((x) => x.id === Number(rest[2]));
        if (c) {
          c.body = String(body.body);
          return send(res, 200, c);
        }
      }
      return send(res, 404, { message: 'Not Found' });
    }
    if (rest[0] === 'actions' && rest[1] === 'runs' && rest[3] === 'artifacts' && rest.length === 4 && method === 'GET') {
      const list = state.artifacts.get(Number(rest[2]));
      return list ? send(res, 200, { total_count: list.length, artifacts: list }) : send(res, 404, { message: 'Not Found' });
    }
    if (rest[0] === 'pulls' && rest.length === 2 && method === 'GET') {
      const sha = state.pulls.get(Number(rest[1]));
      return sha ? send(res, 200, { number: Number(rest[1]), head: { sha } }) : send(res, 404, { message: 'Not Found' });
    }
    if (rest[0] === 'git') {
      if (rest[1] === 'ref' && rest[2] === 'heads' && method === 'GET') {
        const sha = state.branches.get(rest.slice(3).join('/'));
        return sha ? send(res, 200, { ref: `refs/heads/${rest[3]}`, object: { sha } }) : send(res, 404, { message: 'Not Found' });
      }
      if (rest[1] === 'trees' && method === 'POST') return send(res, 201, { sha: sha1(JSON.stringify(body)) });
      if (rest[1] === 'commits' && method === 'POST') {
        if (!Array.isArray(body.parents) || body.parents.length !== 0) return send(res, 422, { message: 'expected an orphan commit' });
        return send(res, 201, { sha: sha1(`commit ${body.tree}`) });
      }
      if (rest[1] === 'refs' && method === 'POST') {
        const name = String(body.ref).replace(/^refs\/heads\//, '');
        if (state.branches.has(name)) return send(res, 422, { message: 'Reference already exists' });
        state.branches.set(name, body.sha);
        return send(res, 201, { ref: body.ref, object: { sha: body.sha } });
      }
    }
    if (rest[0] === 'contents') {
      const path = rest.slice(1).join('/');
      if (method === 'GET') {
        const f = state.files.get(`${url.searchParams.get('ref')}:${path}`);
        return f ? send(res, 200, { path, sha: f.sha }) : send(res, 404, { message: 'Not Found' });
      }
      if (method === 'PUT') {
        if (!state.branches.has(body.branch)) return send(res, 404, { message: `Branch ${body.branch} not found` });
        const key = `${body.branch}:${path}`;
        const existing = state.files.get(key);
        if (existing && body.sha !== existing.sha) return send(res, 422, { message: '"sha" wasn\'t supplied.' });
        const content = Buffer.from(body.content, 'base64');
        state.files.set(key, { sha: sha1(content), content });
        return send(res, existing ? 200 : 201, { content: { path, sha: sha1(content) } });
      }
    }
    return send(res, 404, { message: `Not Found: ${method} ${url.pathname}` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => send(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    state,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
