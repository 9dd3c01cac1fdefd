// The job summary never exceeds GitHub's 1 MiB per step, counting what earlier steps already wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJobSummary, SUMMARY_MAX_BYTES } from '../../src/publish/summary.js';
import { buildMarkdown } from '../../src/report/markdown.js';
import { fixtureInput } from '../report/fixture.js';

test('a 3,000-arch report appended to a 900 KB summary stays under 1 MiB, with the cut stated', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'zsnas-summary-')), 'summary.md');
  writeFileSync(file, 'x'.repeat(900 * 1024));
  process.env.GITHUB_STEP_SUMMARY = file;
  const input = fixtureInput({ nArchs: 3000 });
  const full = buildMarkdown(input, { maxChars: Infinity });
  assert.ok(Buffer.byteLength(full) > 124 * 1024, 'the full report would not fit');
  const written = await writeJobSummary((maxChars) => buildMarkdown(input, { maxChars }), ['a note']);
  assert.ok(written > 0);
  assert.ok(statSync(file).size <= SUMMARY_MAX_BYTES, `size ${statSync(file).size}`);
  const tail = readFileSync(file, 'utf8').slice(900 * 1024);
  assert.ok(tail.startsWith('> a note\n'));
  assert.ok(tail.includes('✂️ **Truncated** to fit the'));
});
