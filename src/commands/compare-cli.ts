// `zsnas baseline update` and `zsnas compare`: the CLI face of the pipeline the Action uses.
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { pipeline } from './pipeline.js';
import { writeReport } from '../report/render.js';
import { verdictLine } from '../report/markdown.js';
import { InputError } from '../io/input-error.js';

export async function cmdBaseline(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { results: { type: 'string' } } });
  if (positionals[0] !== 'update' || positionals.length !== 2 || !values.results) {
    throw new Error('usage: zsnas baseline update SPEC --results DIR');
  }
  const { baselinePath } = await pipeline.updateBaseline(positionals[1], { resultsDir: values.results });
  process.stdout.write(`baseline written: ${baselinePath} (commit it)\n`);
  return 0;
}

export async function cmdCompare(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { results: { type: 'string' }, 'fail-on-regression': { type: 'boolean' } },
  });
  if (positionals.length !== 1 || !values.results) throw new Error('usage: zsnas compare SPEC --results DIR [--fail-on-regression]');
  const { outDir, input } = await pipeline.compare(positionals[0], { resultsDir: values.results });
  // Only a missing baseline is a first run: a damaged one must not let the gate pass.
  if (values['fail-on-regression'] && input.comparison?.baselineBroken) throw new InputError(input.comparison.message ?? 'the baseline cannot be used');
  const written = await writeReport(outDir, input);
  process.stdout.write(`${verdictLine(input.comparison, input.latencyAb)}\nreport: ${join(outDir, 'report', 'report.md')} (${written.charts.length} charts)\n`);
  const regressions = input.comparison?.counts.regression ?? 0;
  return values['fail-on-regression'] && regressions > 0 ? 1 : 0;
}
