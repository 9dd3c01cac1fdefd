// Property: any hostile variant of a valid spec (a value swapped anywhere, a key dropped, text cut, binary bytes,
// deep nesting, huge lines) is either refused with one short line per problem naming the file, or accepted as a
// spec whose every field is within the schema. The entry is the one the CLI uses (readSpec).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { readSpec } from '../../src/commands/spec-io.js';
import { SpecError } from '../../src/spec/errors.js';
import { InputError } from '../../src/io/input-error.js';
import type { ExperimentSpec } from '../../src/spec/types.js';
import { assertCleanRefusal, hostileValue, placesIn, textMutation, withValue } from '../helpers/hostile.js';

const VALID = `name: pr-check
space: nb201
dataset: cifar10
seed: 0
archs:
  - '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|'
  - 3
data: { gaussian: { seed: 0 }, batch_size: 16, batches: 2 }
proxies: [params, { name: zico, options: { batches: 2 } }, { name: naswot, options: { samples: 8 } }]
latency: { batch_sizes: [1, 4], warmup: 3, min_samples: 20, max_samples: 40, budget_ms: 1500 }
thresholds: { correlation_drop: 0.05, score_rel_tol: 0.0001, latency_min_effect: 0.05, latency_alpha: 0.01 }
backend: wasm
init: xavier_normal
output: out/pr
`;

const root = mkdtempSync(join(tmpdir(), 'zsnas-prop-spec-'));
mkdirSync(join(root, '.git'));
const FILE = join(root, 'spec.yml');

const posInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1;
const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** What an accepted spec must satisfy (the schema in src/spec/load.ts). */
function assertWithinSchema(s: ExperimentSpec): void {
  assert.match(s.name, /^[a-z0-9][a-z0-9._-]{0,99}$/);
  assert.ok(Number.isSafeInteger(s.seed) && s.seed >= 0 && s.seed <= 0xffffffff, `seed ${s.seed}`);
  assert.ok(posInt(s.data.batchSize) && posInt(s.data.batches), `data ${JSON.stringify(s.data)}`);
  assert.ok(s.proxies.length >= 1 && new Set(s.proxies.map((p) => p.name)).size === s.proxies.length);
  for (const p of s.proxies) for (const v of Object.values(p.options)) if (typeof v === 'number') assert.ok(Number.isFinite(v), `${p.name} option ${v}`);
  const zico = s.proxies.find((p) => p.name === 'zico');
  if (zico) assert.ok(s.data.batches >= ((zico.options.batches as number | undefined) ?? 2), 'zico reads no more batches than there are');
  const l = s.latency;
  assert.ok(l.batchSizes.length >= 1 && l.batchSizes.every(posInt), `batch sizes ${l.batchSizes}`);
  assert.ok(Number.isSafeInteger(l.warmup) && l.warmup >= 0 && posInt(l.minSamples) && l.minSamples <= l.maxSamples && finite(l.budgetMs) && l.budgetMs > 0);
  const t = s.thresholds;
  assert.ok([t.correlationDrop, t.scoreRelTol, t.latencyMinEffect].every((v) => finite(v) && v >= 0));
  assert.ok(t.latencyAlpha > 0 && t.latencyAlpha < 1);
  if (s.archs.kind === 'list') {
    assert.ok(s.archs.items.length >= 1);
    for (const a of s.archs.items) if (typeof a === 'number') assert.ok(Number.isSafeInteger(a) && a >= 0 && a < 15625, `arch index ${a}`);
  }
  if (s.archs.kind === 'sample') assert.ok(posInt(s.archs.n) && s.archs.n <= 15625);
  assert.ok(s.output.startsWith(root) || s.output === resolve('out', s.name), `output ${s.output} in the repository or the default`);
}

function check(text: string): void {
  writeFileSync(FILE, text, 'latin1');
  let spec: ExperimentSpec;
  try {
    spec = readSpec(FILE);
  } catch (e) {
    assertCleanRefusal(e, [SpecError, InputError], FILE);
    return;
  }
  assertWithinSchema(spec);
}

const doc = parse(VALID) as Record<string, unknown>;
const places = placesIn(doc);

test('the valid spec is accepted', () => {
  writeFileSync(FILE, VALID);
  assertWithinSchema(readSpec(FILE));
});

test('a value swapped or removed anywhere: a clean refusal or a spec within the schema', () => {
  fc.assert(fc.property(fc.nat({ max: places.length - 1 }), hostileValue, fc.boolean(), (i, value, remove) => {
    check(stringify(withValue(doc, places[i], value, remove && places[i].length > 1)));
  }), { numRuns: 400, seed: 12 });
});

test('cut, binary, deeply nested or huge text: a clean refusal or a spec within the schema', () => {
  fc.assert(fc.property(textMutation(VALID), check), { numRuns: 150, seed: 13 });
});
