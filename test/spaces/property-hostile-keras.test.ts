// Property: a Keras model file with a hostile value anywhere (or cut, or binary) either loads into a network whose
// #Params is a finite non-negative integer, or is refused with one short line per problem naming the file; a size
// field (filters, units, kernel_size, strides, pool_size, depth_multiplier) set to a non-positive, fractional, huge or
// non-numeric value is always refused. The entry is the one `zsnas run` uses to build a keras model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadKerasFile } from '../../src/spaces/keras/build.js';
import { KerasError } from '../../src/spaces/keras/topology.js';
import { InputError } from '../../src/io/input-error.js';
import { countParams } from '../../src/graph/count.js';
import { assertCleanRefusal, hostileValue, placesIn, textMutation, withValue } from '../helpers/hostile.js';

const MODELS = ['small_cnn', 'resnet_functional', 'mobile_block'];
const dir = mkdtempSync(join(tmpdir(), 'zsnas-prop-keras-'));
const FILE = join(dir, 'model.json');
const docs = MODELS.map((m) => JSON.parse(readFileSync(new URL(`../../configs/examples/keras/${m}.json`, import.meta.url), 'utf8')) as unknown);
const SIZE_FIELDS = new Set(['filters', 'units', 'kernel_size', 'strides', 'pool_size', 'depth_multiplier']);

/** Loads like `zsnas run` (CIFAR-10 input); returns #Params, or undefined after checking the refusal. */
function load(text: string): number | undefined {
  writeFileSync(FILE, text, 'latin1');
  try {
    const params = countParams(loadKerasFile(FILE, 'model', { inputShape: [32, 32, 3], classes: 10 }));
    assert.ok(Number.isSafeInteger(params) && params >= 0, `accepted with #Params ${params}`);
    return params;
  } catch (e) {
    assertCleanRefusal(e, [KerasError, InputError], FILE);
    return undefined;
  }
}

test('the example models load', () => {
  for (const d of docs) assert.ok((load(JSON.stringify(d)) ?? 0) > 0);
});

test('a hostile value anywhere: a clean refusal or a network with integer #Params', () => {
  const cases = fc.nat({ max: docs.length - 1 }).chain((m) => fc.tuple(fc.constant(m), fc.nat({ max: placesIn(docs[m]).length - 1 }), hostileValue, fc.boolean()));
  fc.assert(fc.property(cases, ([m, i, value, remove]) => {
    const place = placesIn(docs[m])[i];
    load(JSON.stringify(withValue(docs[m], place, value, remove)));
  }), { numRuns: 400, seed: 21 });
});

test('a size field that is not a positive integer (or list of them) is refused', () => {
  const bad = fc.constantFrom(0, -1, -5, 0.5, 1.5, 1e308, 2 ** 40, 'x', '3', null, true, [], {}, [0, 1], [1.5, 1], [3, -3]);
  const sizePlaces = docs.map((d) => placesIn(d).filter((p) => SIZE_FIELDS.has(String(p[p.length - 1]))));
  const cases = fc.nat({ max: docs.length - 1 }).filter((m) => sizePlaces[m].length > 0)
    .chain((m) => fc.tuple(fc.constant(m), fc.nat({ max: sizePlaces[m].length - 1 }), bad));
  fc.assert(fc.property(cases, ([m, i, value]) => {
    const place = sizePlaces[m][i];
    const params = load(JSON.stringify(withValue(docs[m], place, value)));
    assert.equal(params, undefined, `${place.join('.')} = ${JSON.stringify(value)} was accepted`);
  }), { numRuns: 300, seed: 22 });
});

test('cut, binary, deeply nested or huge text: a clean refusal', () => {
  fc.assert(fc.property(fc.nat({ max: docs.length - 1 }).chain((m) => textMutation(JSON.stringify(docs[m], null, 1))), (text) => { load(text); }), { numRuns: 80, seed: 23 });
});

test('a layer whose config is not a map, or a batch dimension that is not null or a positive integer, is refused', () => {
  const configPlaces = docs.map((d) => placesIn(d).filter((p) => p[p.length - 1] === 'config' && p.includes('layers')));
  const batchPlaces = docs.map((d) => placesIn(d).filter((p) => /batch_(input_)?shape/.test(String(p[p.length - 2])) && p[p.length - 1] === 0));
  const notMap = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constantFrom(null, true, [], [1]));
  const notBatch = fc.oneof(fc.constantFrom(0, -1, 1.5, 'x', [], {}, true), fc.string({ maxLength: 4 }));
  const cases = fc.oneof(
    fc.nat({ max: docs.length - 1 }).chain((m) => fc.tuple(fc.constant(m), fc.nat({ max: configPlaces[m].length - 1 }).map((i) => configPlaces[m][i]), notMap)),
    fc.nat({ max: docs.length - 1 }).filter((m) => batchPlaces[m].length > 0).chain((m) => fc.tuple(fc.constant(m), fc.nat({ max: batchPlaces[m].length - 1 }).map((i) => batchPlaces[m][i]), notBatch)),
  );
  fc.assert(fc.property(cases, ([m, place, value]) => {
    assert.equal(load(JSON.stringify(withValue(docs[m], place, value))), undefined, `${place.join('.')} = ${JSON.stringify(value)} was accepted`);
  }), { numRuns: 150, seed: 24 });
});
