// `zsnas compare` on a side-by-side results folder words its verdict line from the A/B latency rows: an interval
// the budget could not resolve is "unsure", not "incomparable" (the word for a baseline from other hardware).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../../src/action/pipeline.js';
import { LATENCY_AB_HEADER } from '../../src/compare/ab-types.js';
import { runCli } from '../helpers/cli-capture.js';
import { tempRepo } from '../helpers/git-repo.js';

const X = '|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|';
const Y = '|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|';

test('compare on an A/B folder: unsure and slower latency rows are counted in the verdict line as such', async () => {
  const repo = tempRepo();
  const pipeline = await loadPipeline();
  try {
    const spec = repo.write('configs/t.yml', `name: t\narchs: ['${X}', '${Y}']\nproxies: [params]\nlatency: false\nbackend: cpu\n`);
    repo.write('.gitignore', 'out/\n');
    const sha = repo.commit('base');
    const ran = await pipeline.run(spec, { out: join(repo.root, 'out/pr'), baseRef: sha });
    // The side-by-side rows as run --base-ref writes them (here by hand: the verdicts are the point, not timing).
    writeFileSync(join(ran.outDir, 'latency-ab.csv'), [
      LATENCY_AB_HEADER.join(','),
      `"${X}",1,2.000,2.020,1.010,0.950,1.080,unsure,cpu`,
      `"${Y}",1,3.000,3.600,1.200,1.120,1.290,slower,cpu`,
    ].join('\n') + '\n');
    const r = await runCli(['compare', spec, '--results', ran.outDir]);
    assert.equal(r.code, 0, r.err);
    const line = r.out.split('\n')[0]!;
    assert.match(line, /1 regression\b/);
    assert.match(line, /1 unsure/);
    assert.doesNotMatch(line, /incomparable/);
  } finally {
    repo.dispose();
  }
});
