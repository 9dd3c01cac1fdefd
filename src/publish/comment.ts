// One sticky comment per pull request and experiment: found by its hidden marker AMONG THE TOKEN'S OWN COMMENTS,
// updated in place, created once. Anyone can write the marker into a comment; only our identity's comments count, so a
// planted one is never edited (and never turns into a misleading permission error).
import type { GitHubApi, IssueComment, TokenIdentity } from './github-api.js';
import { withPermission } from './permissions.js';

export interface UpsertCommentArgs {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Hidden HTML comment that identifies this experiment's comment, e.g. `<!-- zsnas:pr-check -->`. */
  marker: string;
  body: string;
}

export interface UpsertResult {
  id: number;
  action: 'created' | 'updated';
  url?: string;
}

/**
 * True when the token's identity wrote the comment. A personal token: the author's login is the token user's.
 * An installation token (GITHUB_TOKEN: github-actions[bot]): the author is that bot (type Bot; users cannot take a
 * login ending in [bot]) and, where GitHub names the app that wrote it, the app's slug is the bot's.
 */
export function writtenBy(comment: IssueComment, self: TokenIdentity): boolean {
  const author = comment.user?.login;
  if (typeof author !== 'string' || author.toLowerCase() !== self.login.toLowerCase()) return false;
  if (!self.bot) return comment.user?.type !== 'Bot';
  if (comment.user?.type !== 'Bot') return false;
  const app = comment.performed_via_github_app?.slug;
  return app === undefined || `${app}[bot]`.toLowerCase() === self.login.toLowerCase();
}

export async function upsertComment(api: GitHubApi, args: UpsertCommentArgs): Promise<UpsertResult> {
  const { owner, repo, issueNumber, marker } = args;
  if (!marker.trim()) throw new Error('upsertComment: marker is empty; it must identify the comment (e.g. <!-- zsnas:NAME -->)');
  // The marker must be in the body, or the next run would not find this comment and would post a second one.
  const body = args.body.includes(marker) ? args.body : `${marker}\n${args.body}`;
  return withPermission('pull-requests: write', async () => {
    const self = await api.getIdentity();
    const comments = await api.listIssueComments(owner, repo, issueNumber);
    const existing = comments.find((c) => writtenBy(c, self) && typeof c.body === 'string' && c.body.includes(marker));
    if (existing) {
      const updated = await api.updateIssueComment(owner, repo, existing.id, body);
      return { id: existing.id, action: 'updated' as const, url: updated.html_url };
    }
    const created = await api.createIssueComment(owner, repo, issueNumber, body);
    return { id: created.id, action: 'created' as const, url: created.html_url };
  });
}
