// Property: an arch list (`--archs FILE`, one arch per line) for nb201 and nats-sss is accepted exactly when every
// line is an arch of the space (checked here with an independent pattern) or an index in range; otherwise it is
// refused with one short line per problem, each naming the file and line. Lists of valid archs are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { readArchList } from '../../src/commands/overrides.js';
import { InputError } from '../../src/io/input-error.js';
import { assertCleanRefusal, textMutation } from '../helpers/hostile.js';

const OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'];
const CHANNELS = [8, 16, 24, 32, 40, 48, 56, 64];
const op = `(${OPS.join('|')})`;
const NB201 = new RegExp(`^\\|${op}~0\\|\\+\\|${op}~0\\|${op}~1\\|\\+\\|${op}~0\\|${op}~1\\|${op}~2\\|$`);
const SSS = new RegExp(`^(${CHANNELS.join('|')})(:(${CHANNELS.join('|')})){4}$`);
const SPACES = {
  nb201: { size: 15625, pattern: NB201, arch: fc.array(fc.constantFrom(...OPS), { minLength: 6, maxLength: 6 }).map((o) => `|${o[0]}~0|+|${o[1]}~0|${o[2]}~1|+|${o[3]}~0|${o[4]}~1|${o[5]}~2|`) },
  'nats-sss': { size: 32768, pattern: SSS, arch: fc.array(fc.constantFrom(...CHANNELS), { minLength: 5, maxLength: 5 }).map((c) => c.join(':')) },
} as const;

const dir = mkdtempSync(join(tmpdir(), 'zsnas-prop-archs-'));
const FILE = join(dir, 'archs.txt');

/** A line is fine when it is an arch of the space or an index in range (after # comments and blanks). */
function expectedOk(text: string, space: keyof typeof SPACES): boolean {
  const lines = text.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter((l) => l !== '');
  const seen = new Set<string>();
  for (const l of lines) {
    const key = /^\d+$/.test(l) ? String(Number(l)) : l;
    if (seen.has(key)) return false;
    seen.add(key);
    if (/^\d+$/.test(l) ? Number(l) >= SPACES[space].size : !SPACES[space].pattern.test(l)) return false;
  }
  return lines.length > 0;
}

function check(text: string, space: keyof typeof SPACES): void {
  writeFileSync(FILE, text, 'latin1');
  const ok = expectedOk(Buffer.from(text, 'latin1').toString('utf8'), space);
  try {
    const items = readArchList(FILE, space);
    assert.ok(ok, `accepted ${JSON.stringify(text.slice(0, 120))}`);
    assert.ok(items.length >= 1);
  } catch (e) {
    assertCleanRefusal(e, [InputError], FILE);
    assert.ok(!ok, `refused a valid list: ${(e as Error).message.slice(0, 200)}`);
  }
}

for (const space of ['nb201', 'nats-sss'] as const) {
  const s = SPACES[space];
  const line = fc.oneof(s.arch, s.arch, fc.nat({ max: 2 * s.size }).map(String), fc.string({ maxLength: 12 }), fc.constant('# comment'), fc.constant(''));
  const list = fc.array(line, { minLength: 0, maxLength: 12 }).map((ls) => ls.join('\n'));

  test(`${space}: lists of valid archs and indices are accepted`, () => {
    fc.assert(fc.property(fc.uniqueArray(s.arch, { minLength: 1, maxLength: 20 }), (archs) => check(archs.join('\n'), space)), { numRuns: 100, seed: 1 });
  });

  test(`${space}: any list is accepted exactly when each line is an arch or index of the space`, () => {
    fc.assert(fc.property(list, (text) => check(text, space)), { numRuns: 300, seed: 2 });
  });

  test(`${space}: a valid arch with one character changed, cut, or hostile text spliced in`, () => {
    const mutated = fc.tuple(s.arch, fc.nat(), fc.constantFrom('|', '~', '+', ':', '0', '9', 'x', ' ', '\u0000', '8', '64'))
      .map(([a, i, c]) => a.slice(0, i % a.length) + c + a.slice(i % a.length + 1));
    fc.assert(fc.property(mutated, (text) => check(text, space)), { numRuns: 200, seed: 3 });
    fc.assert(fc.property(s.arch.chain((a) => textMutation(a)), (text) => check(text, space)), { numRuns: 60, seed: 4 });
  });
}
