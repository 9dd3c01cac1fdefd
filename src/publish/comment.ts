// One sticky comment per pull request and experiment: found by its hidden marker, updated in place, created once.
import type { GitHubApi } from './github-api.js';
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

export async function upsertComment(api: GitHubApi, args: UpsertCommentArgs): Promise<UpsertResult> {
  const { owner, repo, issueNumber, marker } = args;
  if (!marker.trim()) throw new Error('upsertComment: marker is empty; it must identify the comment (e.g. <!-- zsnas:NAME -->)');
  // The marker must be in the body, or the next run would not find this comment and would post a second one.
  const body = args.body.includes(marker) ? args.body : `${marker}\n${args.body}`;
  return withPermission('pull-requests: write', async () => {
    const comments = await api.listIssueComments(owner, repo, issueNumber);
    const existing = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
    if (existing) {
      const updated = await api.updateIssueComment(owner, repo, existing.id, body);
      return { id: existing.id, action: 'updated' as const, url: updated.html_url };
    }
    const created = await api.createIssueComment(owner, repo, issueNumber, body);
    return { id: created.id, action: 'created' as const, url: created.html_url };
  });
}
