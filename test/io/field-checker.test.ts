// FieldChecker collects every problem with its JSON path, and the message is capped at 20 problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldChecker } from '../../src/io/fields.js';
import { InputError, clip } from '../../src/io/input-error.js';

test('paths, given values and expectations', () => {
  const c = new FieldChecker('run.json');
  const doc = { timings: { totalSeconds: 'abc' }, rows: [{ n: 2 }, { n: 1.5 }], name: '' };
  const t = c.objectField(doc, 'timings', '')!;
  c.numberField(t, 'totalSeconds', 'timings', { min: 0 });
  doc.rows.forEach((r, i) => c.numberField(r, 'n', `rows[${i}]`, { integer: true, min: 1 }));
  c.stringField(doc, 'name', '', { nonEmpty: true });
  c.numberField(doc, 'missing', '', {});
  assert.throws(() => c.finish(), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.deepEqual(e.problems, [
      'run.json: timings.totalSeconds: got "abc", expected a finite number >= 0',
      'run.json: rows[1].n: got 1.5, expected an integer >= 1',
      'run.json: name: got "", expected a non-empty string',
      'run.json: missing: got nothing, expected a finite number',
    ]);
    return true;
  });
});

test('non-finite numbers are refused unless allowed', () => {
  const c = new FieldChecker('f');
  assert.equal(c.number(Infinity, 'x'), undefined);
  assert.equal(c.number(NaN, 'y', { allowNonFinite: true }), NaN);
  assert.equal(c.number(-Infinity, 'z', { allowNonFinite: true, min: 0 }), undefined);
  assert.throws(() => c.finish(), /f: x: got Infinity, expected a finite number\nf: z: got -Infinity, expected a number >= 0$/);
});

test('more than 20 problems: the first 20 and a count', () => {
  const c = new FieldChecker('f');
  for (let i = 0; i < 25; i++) c.number('x', `a[${i}]`);
  assert.throws(() => c.finish(), (e: unknown) => {
    const lines = (e as Error).message.split('\n');
    assert.equal(lines.length, 21);
    assert.equal(lines[20], '... and 5 more');
    return true;
  });
});

test('long values are cut to 80 characters with an ellipsis; control characters made visible', () => {
  const s = clip('x'.repeat(10_000));
  assert.equal(s.length, 80);
  assert.ok(s.endsWith('…'));
  assert.equal(clip('a\nb\u0000'), 'a\\nb?');
});
