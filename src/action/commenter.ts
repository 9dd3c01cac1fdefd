// mode: comment, for a `workflow_run` workflow: posts the report of a downloaded results artifact to its pull request.
// Runs on the default branch with write permissions, so it reads only data (JSON, PNG) and never runs PR code.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import { buildMarkdown, overallVerdict } from '../report/markdown.js';
import { deserializeInput, type ReportInput, type SerializedReportInput } from '../report/types.js';
import { createGitHubApi, type GitHubApi } from '../publish/github-api.js';
import { withPermission } from '../publish/permissions.js';
import { publishReport } from '../publish/publish.js';
import { writeJobSummary } from '../publish/summary.js';
import type { ActionInputs } from './inputs.js';
import { currentRepo, readEventPayload } from './event.js';
import { readMetadata } from './metadata.js';
import type { ActionDeps } from './deps.js';

interface WorkflowRunPayload {
  id?: number;
  head_sha?: string;
  html_url?: string;
  pull_requests?: Array<{ number?: number }>;
}

/** The report input from an artifact: untrusted, so its shape is checked before anything renders it. */
export async function readArtifactInput(resultsDir: string, experiment: string): Promise<ReportInput> {
  const path = join(resultsDir, 'report', 'input.json');
  const json = JSON.parse(await readFile(path, 'utf8')) as SerializedReportInput;
  const m = json?.manifest;
  const ok =
    json?.experiment === experiment &&
    Array.isArray(json.scores) &&
    Array.isArray(json.latency) &&
    typeof m === 'object' && m !== null &&
    Array.isArray(m.archs) && typeof m.fingerprint === 'object' && typeof m.timings === 'object';
  if (!ok) throw new Error(`${path}: not a zsnas report input for experiment "${experiment}"`);
  // Links are ours to make: never reuse URLs that came inside the artifact. failOnRegression only picks a fixed line.
  const failOnRegression = typeof json.failOnRegression === 'boolean' ? json.failOnRegression : undefined;
  return { ...deserializeInput(json), chartLinks: undefined, fullReportUrl: undefined, runUrl: undefined, artifactUrl: undefined, failOnRegression };
}

/**
 * The results artifact's page: the run's only artifact, or the one named `zsnas-results` (the example workflow's).
 * Only a link: without `actions: read`, or on any API error, the comment goes without it.
 */
async function artifactUrl(api: GitHubApi, owner: string, repo: string, wr: WorkflowRunPayload): Promise<string | undefined> {
  if (!api.listRunArtifacts || !Number.isSafeInteger(wr.id) || !wr.html_url) return undefined;
  try {
    const all = await api.listRunArtifacts(owner, repo, wr.id!);
    const pick = all.length === 1 ? all[0] : all.find((a) => a.name === 'zsnas-results');
    return pick ? `${wr.html_url}/artifacts/${pick.id}` : undefined;
  } catch (err) {
    core.info(`zsnas: no link to the results artifact (${(err as Error).message})`);
    return undefined;
  }
}

export async function runCommenter(inputs: ActionInputs, deps: ActionDeps): Promise<void> {
  const meta = await readMetadata(inputs.resultsDir);
  const { owner, repo } = currentRepo();
  if (meta.repository !== `${owner}/${repo}`) {
    throw new Error(`The artifact is for ${meta.repository}, not ${owner}/${repo}: refusing to comment`);
  }
  const wr = readEventPayload().workflow_run as WorkflowRunPayload | undefined;
  if (!wr || typeof wr.head_sha !== 'string') {
    throw new Error('mode comment must run on a `workflow_run` event (see .github/workflows/zsnas-comment.yml)');
  }
  if (wr.head_sha !== meta.headSha) {
    throw new Error(`The artifact's head SHA ${meta.headSha} is not the workflow run's ${wr.head_sha}: refusing to comment`);
  }
  if (!inputs.token) throw new Error('mode comment needs `github-token` with pull-requests: write');
  const api = (deps.createApi ?? createGitHubApi)(inputs.token);

  // pull_requests is empty for fork PRs; where it is not, it must name the artifact's PR.
  const listed = (wr.pull_requests ?? []).map((p) => p.number);
  if (listed.length > 0 && !listed.includes(meta.prNumber)) {
    throw new Error(`The artifact names pull request #${meta.prNumber}, but the workflow run belongs to #${listed.join(', #')}: refusing to comment`);
  }
  const input = await readArtifactInput(inputs.resultsDir, meta.experiment);
  input.fullReportUrl = wr.html_url;
  input.runUrl = wr.html_url;
  // For every PR, forks or not: a report of a commit that is no longer the PR's head would mislead its reviewers
  // (a push after this run started, or a rerun of an old workflow run). The newer head's run posts its own report.
  const head = await withPermission('pull-requests: write', () => api.getPullHeadSha(owner, repo, meta.prNumber));
  if (head !== meta.headSha) {
    const shown = /^[0-9a-f]{7,40}$/.test(head) ? head.slice(0, 7) : 'another commit';
    const note = `Pull request #${meta.prNumber} has moved on to ${shown}; this report (for ${meta.headSha.slice(0, 7)}) was not posted.`;
    core.info(note);
    await writeJobSummary((maxChars) => buildMarkdown(input, { maxChars, commit: meta.headSha }), [note]);
    return;
  }
  input.artifactUrl = await artifactUrl(api, owner, repo, wr);
  const reportDir = join(inputs.resultsDir, 'report');
  const pub = await publishReport(api, { owner, repo, prNumber: meta.prNumber, headSha: meta.headSha, input, reportDir, pushCharts: inputs.pushCharts });
  core.info(`zsnas: ${pub.comment.action} comment ${pub.comment.id} on pull request #${meta.prNumber}`);
  core.setOutput('regressions', String(input.comparison?.counts.regression ?? 0));
  core.setOutput('verdict', overallVerdict(input.comparison, input.latencyAb));
  core.setOutput('report-path', join(reportDir, 'report.md'));
  if (pub.comment.url) core.setOutput('comment-url', pub.comment.url);
  await writeJobSummary((maxChars) => buildMarkdown({ ...input, chartLinks: pub.chartLinks }, { maxChars, commit: meta.headSha }), pub.notes);
}
