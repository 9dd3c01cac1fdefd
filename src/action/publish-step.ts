// The pull_request job's writes to GitHub (chart push, sticky comment), and the reasons it makes none.
import * as core from '@actions/core';
import type { ChartName, ReportInput } from '../report/types.js';
import { createGitHubApi } from '../publish/github-api.js';
import { PermissionError } from '../publish/permissions.js';
import { publishReport } from '../publish/publish.js';
import type { ActionDeps } from './deps.js';
import type { PullRequestRef } from './event.js';
import { currentRepo } from './event.js';
import type { ActionInputs } from './inputs.js';

/**
 * Why a fork's job writes nothing. Its token is read-only anyway, but that is not checked by trying: the job runs the
 * fork's code, so no write request (no git tree/commit/ref, no contents PUT, no comment) is even attempted.
 */
export const FORK_NOTE =
  'This pull request comes from a fork: zsnas made no write request to GitHub (no comment, no chart push). ' +
  'The comment is posted by the `workflow_run` commenter (zsnas-comment.yml) from the uploaded results artifact, ' +
  'which also holds the full report and charts.';

export interface PublishStepResult {
  chartLinks: Partial<Record<ChartName, string>>;
  notes: string[];
}

/** Null when this job may write to the pull request; otherwise the reason it writes nothing (for summary and metadata). */
export function reasonNotToWrite(inputs: ActionInputs, pr: PullRequestRef): string | null {
  if (pr.isFork) return FORK_NOTE;
  if (!inputs.comment) return 'Input `comment` is false, so no pull-request comment was posted.';
  if (inputs.mode === 'baseline') return 'Mode `baseline` posts no pull-request comment.';
  if (!inputs.token) return 'No `github-token` was given, so no pull-request comment was posted.';
  return null;
}

/** Pushes charts and upserts the comment of a same-repository pull request; a read-only token is a note, not a failure. */
export async function publishToPullRequest(
  inputs: ActionInputs,
  deps: ActionDeps,
  pr: PullRequestRef,
  input: ReportInput,
  reportDir: string,
): Promise<PublishStepResult> {
  const { owner, repo } = currentRepo();
  const api = (deps.createApi ?? createGitHubApi)(inputs.token);
  try {
    const pub = await publishReport(api, { owner, repo, prNumber: pr.number, headSha: pr.headSha, input, reportDir, pushCharts: inputs.pushCharts });
    if (pub.comment.url) core.setOutput('comment-url', pub.comment.url);
    core.info(`zsnas: ${pub.comment.action} comment ${pub.comment.id} on pull request #${pr.number}`);
    return { chartLinks: pub.chartLinks, notes: pub.notes };
  } catch (err) {
    // A read-only token is not a failed check: the report is in the summary and the artifact.
    if (!(err instanceof PermissionError)) throw err;
    core.warning(err.message);
    return { chartLinks: {}, notes: [err.message, ...err.related] };
  }
}
