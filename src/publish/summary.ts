// The job summary: written on every run, under GitHub's 1 MiB per-step limit.
import { appendFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';

export const SUMMARY_MAX_BYTES = 1024 * 1024;

function existingBytes(): number {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return 0;
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * The summary of a failed run. Error messages carry run-derived text (spec paths and fields, artifact fields), so the
 * message goes verbatim into a fenced code block, where Markdown, HTML, links and mentions are inert; the fence is
 * longer than any backtick run in the message, so nothing in it can close the block.
 */
export function failureMarkdown(message: string): string {
  // A message is a few lines; a cap keeps a pathological one (a quoted file?) far under the 1 MiB summary limit.
  if (message.length > 20_000) message = `${message.slice(0, 20_000)} …(cut)`;
  const longest = Math.max(2, ...(message.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `### ❌ zsnas failed\n\n${fence}text\n${message}\n${fence}\n`;
}

/**
 * Appends a report to the job summary. Notes are Markdown written by zsnas: text from a run or from GitHub must be
 * escaped (src/report/escape.ts) before it goes into one. `build(maxChars)` returns Markdown of at most maxChars characters (buildMarkdown
 * truncates gracefully); the budget is in bytes, so it is retried smaller until the UTF-8 size fits.
 * Returns the bytes written, or 0 when there is no GITHUB_STEP_SUMMARY (a local run).
 */
export async function writeJobSummary(build: (maxChars: number) => string, notes: string[] = []): Promise<number> {
  if (!process.env.GITHUB_STEP_SUMMARY) return 0;
  // GitHub creates the file; a local or self-made runner may not, and core.summary refuses a missing one.
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, '');
  const noteText = notes.map((n) => `> ${n.replace(/\n/g, ' ')}\n`).join('\n');
  const budget = SUMMARY_MAX_BYTES - existingBytes() - Buffer.byteLength(noteText) - 1024;
  if (budget <= 0) {
    core.warning('The job summary already holds 1 MiB; the zsnas report was not added to it (it is in the results directory).');
    return 0;
  }
  let maxChars = budget;
  let text = build(maxChars);
  for (let i = 0; i < 8 && Buffer.byteLength(text) > budget; i++) {
    maxChars = Math.floor((maxChars * budget) / Buffer.byteLength(text) * 0.97);
    text = build(maxChars);
  }
  const out = `${noteText}${noteText ? '\n' : ''}${text}`;
  await core.summary.addRaw(out, true).write();
  return Buffer.byteLength(out);
}
