// Posts a written report to its pull request: chart PNGs to the assets branch (optional), then the sticky comment.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildMarkdown, markerFor } from '../report/markdown.js';
import { CHART_NAMES, type ChartName, type ReportInput } from '../report/types.js';
import type { GitHubApi } from './github-api.js';
import { pushAssets } from './assets.js';
import { upsertComment, type UpsertResult } from './comment.js';
import { PermissionError } from './permissions.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A chart PNG is ~50 KB; anything far larger did not come from writeReport. */
const MAX_PNG_BYTES = 5 * 1024 * 1024;

export interface PublishArgs {
  owner: string;
  repo: string;
  prNumber: number;
  headSha: string;
  input: ReportInput;
  /** DIR/report written by writeReport: the <chart>.png files are read from here. */
  reportDir: string;
  pushCharts: boolean;
}

export interface PublishResult {
  comment: UpsertResult;
  chartLinks: Partial<Record<ChartName, string>>;
  /** Things a reader of the job summary should know (e.g. charts not pushed, and why). */
  notes: string[];
}

/** The chart PNGs present in a report folder, checked to be PNGs of sane size (the folder may come from an artifact). */
export async function readChartPngs(reportDir: string): Promise<Array<{ name: ChartName; data: Buffer }>> {
  const out: Array<{ name: ChartName; data: Buffer }> = [];
  for (const name of CHART_NAMES) {
    let data: Buffer;
    try {
      data = await readFile(join(reportDir, `${name}.png`));
    } catch {
      continue;
    }
    if (data.length <= MAX_PNG_BYTES && data.subarray(0, 8).equals(PNG_SIGNATURE)) out.push({ name, data });
  }
  return out;
}

export async function publishReport(api: GitHubApi, args: PublishArgs): Promise<PublishResult> {
  const { owner, repo, prNumber, headSha } = args;
  const notes: string[] = [];
  let chartLinks: Partial<Record<ChartName, string>> = {};
  if (args.pushCharts) {
    const pngs = await readChartPngs(args.reportDir);
    try {
      if (pngs.length > 0) {
        const urls = await pushAssets(api, { owner, repo, prNumber, headSha, files: pngs.map((p) => ({ name: `${p.name}.png`, data: p.data })) });
        chartLinks = Object.fromEntries(pngs.map((p) => [p.name, urls[`${p.name}.png`]]));
      }
    } catch (err) {
      // Without contents: write the comment is still complete: tables first, charts in the artifact.
      if (!(err instanceof PermissionError)) throw err;
      notes.push(`Charts were not pushed to the assets branch: ${err.message}`);
    }
  }
  const body = buildMarkdown({ ...args.input, chartLinks }, { commit: headSha });
  let comment: UpsertResult;
  try {
    comment = await upsertComment(api, { owner, repo, issueNumber: prNumber, marker: markerFor(args.input.experiment), body });
  } catch (err) {
    if (err instanceof PermissionError) err.related.push(...notes);
    throw err;
  }
  return { comment, chartLinks, notes };
}
