// archs: [{name, arch}] (NB201): the name is the result key, the arch is checked like any arch string, and every
// problem is reported at its line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/errors.js';
import { archProblem } from '../../src/spaces/nb201/arch.js';
import { archFingerprint, buildArch, listArchs } from '../../src/spaces/index.js';

const A = '|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|';
const B = '|none~0|+|none~0|none~1|+|none~0|none~1|none~2|';

test('a named arch is keyed by its name and builds its arch', async () => {
  const spec = parseSpec(`name: x\narchs:\n  - {name: candidate, arch: '${A}'}\n  - '${B}'\n`, 'x.yml', { validateArch: archProblem });
  assert.deepEqual(spec.archs, { kind: 'list', items: [{ name: 'candidate', arch: A }, B] });
  assert.deepEqual(await listArchs(spec), ['candidate', B]);
  assert.equal(buildArch(spec, 'candidate').name, `nb201:${A}`);
  // The cache must not reuse a name's scores after a PR points it at another arch.
  const other = parseSpec(`name: x\narchs:\n  - {name: candidate, arch: '${B}'}\n`, 'x.yml', { validateArch: archProblem });
  assert.notEqual(archFingerprint(spec, 'candidate'), archFingerprint(other, 'candidate'));
  assert.equal(archFingerprint(spec, B), '');
});

test('bad names, bad archs, missing fields and repeated names are reported where they are', () => {
  const text = [
    'name: x',
    'archs:',
    `  - {name: 'a|b', arch: '${A}'}`,
    "  - {name: c, arch: '|nor_conv_3x3~0|'}",
    '  - {name: d}',
    `  - {name: e, arch: '${A}', size: 3}`,
    `  - {name: f, arch: '${A}'}`,
    `  - {name: f, arch: '${B}'}`,
    '',
  ].join('\n');
  let err: unknown;
  try { parseSpec(text, 'configs/x.yml', { validateArch: archProblem }); } catch (e) { err = e; }
  assert.ok(err instanceof SpecError);
  const lines = err.message.split('\n').filter((l) => l.startsWith('configs/x.yml:'));
  const at = (prefix: string) => lines.find((l) => l.startsWith(prefix));
  assert.match(at('configs/x.yml:3:12: archs[0].name:') ?? '', /got "a\|b", expected a name matching/);
  assert.match(at('configs/x.yml:4:21: archs[1].arch:') ?? '', /expected a valid NB201 arch string/);
  assert.match(at('configs/x.yml:5:5: archs[2].arch:') ?? '', /required key missing/);
  assert.match(at('configs/x.yml:6:88: archs[3].size:') ?? '', /unknown key, expected one of name, arch/);
  assert.match(at('configs/x.yml:8:5: archs[5].name:') ?? '', /"f" again \(also archs\[4\]\), expected each name once/);
});
