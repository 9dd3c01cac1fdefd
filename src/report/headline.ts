// What a reviewer reads in ten seconds: the verdict, the worst changes in words, what was compared with what on
// which machine, whether the check fails the job, links to the run and the artifact, and a warning when the PR
// changes how it is judged.
import type { ReportInput } from './types.js';
import { changeRows, type ChangeRow, type RowVerdict } from './changes.js';
import { codeSpan, mdText, safeUrl } from './escape.js';
import { VERDICT_ICON, fmtNum, fmtPct, fmtPctRange, plural } from './format.js';

export const ROW_ICON: Record<RowVerdict, string> = { ...VERDICT_ICON, unsure: '❔' };

const COUNT_WORDS: Array<[RowVerdict, string, boolean]> = [
  ['regression', 'regression', true],
  ['improvement', 'improvement', true],
  ['unsure', 'unsure', false],
  ['removed', 'removed', false],
  ['added', 'added', false],
  ['incomparable', 'incomparable', false],
];

/** "❌ 2 regressions · ✅ 1 improvement · 37 unchanged" from the report's rows. */
export function countsLine(rows: ChangeRow[]): string {
  const parts: string[] = [];
  for (const [v, w, plurals] of COUNT_WORDS) {
    const n = rows.filter((r) => r.verdict === v).length;
    if (n > 0) parts.push(`${ROW_ICON[v]} ${plurals ? plural(n, w) : `${n.toLocaleString('en-US')} ${w}`}`);
  }
  parts.push(`${rows.filter((r) => r.verdict === 'unchanged').length.toLocaleString('en-US')} unchanged`);
  return `**${parts.join(' · ')}**`;
}

/** One change in words, e.g. "latency of `3/x3/sxp` 1.32× slower (+32%, 95% CI +25…+40%)". */
export function changeInWords(r: ChangeRow, label: (arch: string) => string): string {
  const arch = r.arch === undefined ? '' : codeSpan(label(r.arch));
  switch (r.kind) {
    case 'latency': {
      const ratio = r.base && r.head ? r.head / r.base : undefined;
      const times = ratio === undefined ? '' : r.verdict === 'improvement' ? `${fmtNum(1 / ratio, 3)}× ` : r.verdict === 'regression' ? `${fmtNum(ratio, 3)}× ` : '';
      const ci = r.deltaPctCi ? `, 95% CI ${fmtPctRange(r.deltaPctCi)}%` : '';
      const batch = r.batch !== undefined && r.batch !== 1 ? ` (batch ${r.batch})` : '';
      return `latency of ${arch}${batch} ${times}${r.word} (${fmtPct(r.deltaPct)}${ci})`;
    }
    case 'score':
      return `${codeSpan(r.proxy ?? '')} of ${arch} ${r.statusChange ?? fmtPct(r.deltaPct)} (${r.word})`;
    case 'correlation': {
      const sym = r.coefficient === 'kendall' ? 'Kendall τ' : 'Spearman ρ';
      return `${sym} of ${codeSpan(r.proxy ?? '')} ${r.deltaAbs === undefined ? '' : `${r.deltaAbs > 0 ? '+' : '−'}${Math.abs(r.deltaAbs).toFixed(3)} `}(${r.word})`;
    }
    case 'arch':
      return `${arch} ${r.word}`;
  }
}

function comparingLine(input: ReportInput, commit?: string): string | undefined {
  const f = input.manifest.fingerprint;
  const on = f ? ` on ${codeSpan(f.cpuModel)}, ${f.cores} cores, ${codeSpan(input.manifest.backend)}` : ` on ${codeSpan(input.manifest.backend)}`;
  const sha = (s: string) => codeSpan(/^[0-9a-f]{40}$/i.test(s) ? s.slice(0, 7) : s);
  const head = input.abSides?.headSha ?? commit;
  const headText = head ? `head ${sha(head)}` : 'this run';
  if (input.abSides) {
    const base = input.abSides.baseSha ?? input.abSides.baseRef;
    return `Comparing ${headText} with base ${sha(base)}${on}, measured side by side.`;
  }
  if (input.comparison?.baselineFound) return `Comparing ${headText} with the committed baseline${on}.`;
  return undefined;
}

function failLine(input: ReportInput, regressions: number): string | undefined {
  if (input.failOnRegression === undefined) return undefined;
  if (regressions === 0) return 'This check passes.';
  return input.failOnRegression ? '❗ **This check fails the job** (`fail-on-regression: true`).' : 'This check does not fail the job (`fail-on-regression` is off).';
}

function linksLine(input: ReportInput): string | undefined {
  const links: string[] = [];
  const run = safeUrl(input.runUrl);
  const artifact = safeUrl(input.artifactUrl);
  const full = safeUrl(input.fullReportUrl);
  if (run) links.push(`[workflow run](${run})`);
  if (artifact) links.push(`[results artifact](${artifact})`);
  if (!run && !artifact && full) links.push(`[full report](${full})`);
  return links.length ? links.join(' · ') : undefined;
}

/** The headline block (without the marker): title, counts, worst changes, comparing line, job status, links, warnings. */
export function headline(input: ReportInput, label: (arch: string) => string, commit?: string): string {
  const rows = changeRows(input);
  const noBaseline = !input.comparison?.baselineFound && !(input.latencyAb && input.latencyAb.length > 0);
  const out = [`### zsnas · ${codeSpan(input.experiment)}`];
  if (noBaseline) {
    if (!input.comparison) out.push('ℹ️ No comparison was run (mode `run` without a baseline).');
    else {
      const why = input.comparison.message ? mdText(input.comparison.message) : 'no committed baseline for this experiment';
      out.push(`ℹ️ **No baseline:** ${why}. Run the action with \`mode: baseline\` on the base branch to create one.`);
    }
  } else out.push(countsLine(rows));
  const notable = rows.filter((r) => r.verdict === 'regression' || r.verdict === 'improvement' || r.verdict === 'unsure').slice(0, 3);
  if (notable.length) out.push(`${notable.map((r) => changeInWords(r, label)).join('; ')}${rows.filter((r) => r.verdict !== 'unchanged').length > notable.length ? '; …' : ''}`);
  // A found baseline can still carry a note (e.g. scores compared with the base's scores computed in this job).
  const note = !noBaseline && input.comparison?.message ? `ℹ️ ${mdText(input.comparison.message)}.` : undefined;
  const meta = [comparingLine(input, commit), note, failLine(input, rows.filter((r) => r.verdict === 'regression').length), linksLine(input)].filter(Boolean);
  if (meta.length) out.push(meta.join(' '));
  const judging = input.abSides?.judgingChanges ?? [];
  if (judging.length) {
    out.push(`> ⚠️ **This PR changes how it is judged:** ${judging.map((f) => codeSpan(f)).join(', ')}. ` +
      'Thresholds, baseline and spec were taken from the base; review these changes by hand.');
  }
  const added = input.abSides?.added ?? [];
  const removed = input.abSides?.removed ?? [];
  if (added.length || removed.length) {
    const list = (a: string[]) => a.slice(0, 8).map((x) => codeSpan(label(x))).join(', ') + (a.length > 8 ? `, … (${a.length - 8} more)` : '');
    out.push([added.length ? `➕ only in head: ${list(added)}` : '', removed.length ? `➖ only in base: ${list(removed)}` : ''].filter(Boolean).join(' · '));
  }
  return out.join('\n\n');
}
