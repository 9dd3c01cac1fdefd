// `zsnas site`: the GitHub Pages site from the committed reports and baselines, and `zsnas site --record` to add a
// run to the history its charts draw.
import { parseArgs } from 'node:util';
import { join, relative, resolve } from 'node:path';
import { buildSite } from '../publish/site/build.js';
import { appendHistory, entryFromResults } from '../publish/site/history.js';

export const SITE_USAGE = `usage: zsnas site [--reports DIR] [--out DIR] [--history FILE]
       zsnas site --record RESULTS_DIR --commit SHA [--date ISO] [--reports DIR] [--history FILE]`;

export async function cmdSite(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reports: { type: 'string' }, out: { type: 'string' }, history: { type: 'string' },
      record: { type: 'string' }, commit: { type: 'string' }, date: { type: 'string' },
    },
  });
  if (positionals.length) throw new Error(`site takes no positional arguments, got: ${positionals.join(' ')}\n${SITE_USAGE}`);
  const reportsDir = values.reports ?? 'reports';
  const historyFile = values.history ?? join(reportsDir, 'history.jsonl');

  if (values.record !== undefined) {
    if (!values.commit) throw new Error(`--record needs --commit SHA (e.g. --commit "$GITHUB_SHA")\n${SITE_USAGE}`);
    if (values.date !== undefined && Number.isNaN(Date.parse(values.date))) throw new Error(`--date: got "${values.date}", expected an ISO 8601 date`);
    const entry = entryFromResults(resolve(values.record), values.commit, values.date);
    const all = appendHistory(historyFile, entry);
    process.stdout.write(`${entry.experiment} @ ${entry.commit.slice(0, 7)}: ${Object.keys(entry.spearman).length} proxies, ` +
      `${Object.keys(entry.latencyMs).length} archs -> ${historyFile} (${all.length} entries; commit it)\n`);
    return 0;
  }
  if (values.commit !== undefined || values.date !== undefined) throw new Error(`--commit and --date go with --record\n${SITE_USAGE}`);

  const res = buildSite({ reportsDir, outDir: values.out ?? join('out', 'site'), historyFile });
  for (const e of res.entries) {
    const warn = e.problems.length ? `  (${e.problems.join('; ')})` : '';
    process.stdout.write(`  ${e.slug}/  ${e.kind.padEnd(12)} ${e.charts.length} charts, ${e.markdown.length} tables  ${e.source}${warn}\n`);
  }
  process.stdout.write(`site: ${res.entries.length} pages, ${res.historyEntries} history entries -> ${relative(process.cwd(), res.outDir) || '.'}/index.html\n`);
  return 0;
}
