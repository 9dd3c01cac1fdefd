// The action entry: reads inputs once, calls the pipeline and the report/publish functions, sets outputs.
import * as core from '@actions/core';
import { buildMarkdown, overallVerdict } from '../report/markdown.js';
import { plural } from '../report/format.js';
import { writeReport } from '../report/render.js';
import type { ChartName } from '../report/types.js';
import { codeSpan, mdText } from '../report/escape.js';
import { failureMarkdown, writeJobSummary } from '../publish/summary.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { baseShaFromPayload, currentRepo, pullRequestFromPayload, readEventPayload, runUrl } from './event.js';
import { loadPipeline, type Pipeline, type PipelineResult } from './pipeline.js';
import { writeMetadata } from './metadata.js';
import { runCommenter } from './commenter.js';
import { publishToPullRequest, reasonNotToWrite } from './publish-step.js';
import type { ActionDeps } from './deps.js';

export async function run(deps: ActionDeps = {}): Promise<void> {
  try {
    const inputs = readInputs();
    if (inputs.mode === 'comment') await runCommenter(inputs, deps);
    else await runPipelineMode(inputs, deps);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The summary is written on every run, failures included, so the reason is one click away.
    await writeJobSummary(() => failureMarkdown(message)).catch(() => 0);
    core.setFailed(message);
  }
}

async function runModeSteps(inputs: ActionInputs, pipeline: Pipeline, baseRef?: string): Promise<PipelineResult & { baselinePath?: string }> {
  const { spec, backend, resultsDir } = inputs;
  switch (inputs.mode) {
    case 'run': {
      // On a pull request the base commit runs beside the head, and judges it (src/action/README.md).
      const ran = await pipeline.run(spec, { backend, out: resultsDir, ...(baseRef ? { baseRef } : {}) });
      return pipeline.compare(spec, { resultsDir: ran.outDir });
    }
    case 'compare':
      return pipeline.compare(spec, { resultsDir });
    case 'baseline': {
      const ran = await pipeline.run(spec, { backend, out: resultsDir });
      const { baselinePath } = await pipeline.updateBaseline(spec, { resultsDir: ran.outDir });
      return { ...ran, baselinePath };
    }
    default:
      throw new Error(`mode ${inputs.mode} is not a pipeline mode`);
  }
}

async function runPipelineMode(inputs: ActionInputs, deps: ActionDeps): Promise<void> {
  const pipeline = deps.pipeline ?? (await loadPipeline());
  const payload = readEventPayload();
  const pr = pullRequestFromPayload(payload);
  const result = await runModeSteps(inputs, pipeline, pr ? baseShaFromPayload(payload) : undefined);
  // The links and the gate's setting for the headline; the artifact is uploaded after this step, so only the
  // workflow_run commenter can link it (commenter.ts).
  const run = runUrl();
  const input = {
    ...result.input, fullReportUrl: result.input.fullReportUrl ?? run, ...(run ? { runUrl: run } : {}),
    ...(inputs.mode === 'baseline' ? {} : { failOnRegression: inputs.failOnRegression }),
  };
  const commit = pr?.headSha ?? process.env.GITHUB_SHA;

  const written = await writeReport(result.outDir, input, { commit });
  const skipped = pr ? reasonNotToWrite(inputs, pr) : null;
  if (pr) {
    const { owner, repo } = currentRepo();
    await writeMetadata(result.outDir, {
      formatVersion: 1,
      experiment: input.experiment,
      repository: `${owner}/${repo}`,
      prNumber: pr.number,
      headSha: pr.headSha,
      runId: process.env.GITHUB_RUN_ID,
      fork: pr.isFork,
      ...(skipped === null ? {} : { notPosted: skipped }),
    });
  }
  const regressions = inputs.mode === 'baseline' ? 0 : (input.comparison?.counts.regression ?? 0);
  core.setOutput('regressions', String(regressions));
  core.setOutput('verdict', overallVerdict(input.comparison, input.latencyAb));
  core.setOutput('report-path', written.markdownPath);
  core.setOutput('results-dir', result.outDir);

  // Warnings are plain text (error messages that may quote paths or names from the spec): escaped for the summary.
  const notes = written.warnings.map(mdText);
  if (result.baselinePath) {
    core.setOutput('baseline-path', result.baselinePath);
    notes.push(`Baseline written to ${codeSpan(result.baselinePath)}: commit it on the base branch.`);
  }
  let chartLinks: Partial<Record<ChartName, string>> = {};
  if (pr) {
    if (skipped === null) {
      const pub = await publishToPullRequest(inputs, deps, pr, input, written.reportDir);
      chartLinks = pub.chartLinks;
      notes.push(...pub.notes);
    } else if (inputs.comment || pr.isFork) {
      notes.push(skipped);
    }
  }
  for (const w of written.warnings) core.warning(w);
  await writeJobSummary((maxChars) => buildMarkdown({ ...input, chartLinks }, { maxChars, commit }), notes);

  if (inputs.failOnRegression && input.comparison?.baselineBroken) {
    core.setFailed(`The baseline cannot be used (fail-on-regression is true): ${input.comparison.message ?? ''}`);
  } else if (inputs.failOnRegression && regressions > 0) {
    core.setFailed(`${plural(regressions, 'regression')} against the baseline (fail-on-regression is true); see the zsnas report.`);
  }
}
