// parseCsvTable: header, field counts and unterminated quotes are checked with file:line; quoted newlines keep the
// line numbers of later records right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsvTable, parseCsvRecords } from '../../src/io/csv.js';

test('records with quoted commas, quotes and newlines; lines of each record', () => {
  const t = parseCsvTable('a,b\n"x,1","he said ""hi"""\n"multi\nline",2\nlast,3\n', 'f.csv', ['a', 'b']);
  assert.deepEqual(t.rows.map((r) => r.fields), [['x,1', 'he said "hi"'], ['multi\nline', '2'], ['last', '3']]);
  assert.deepEqual(t.rows.map((r) => r.line), [2, 3, 5]);
});

test('wrong field count names the line', () => {
  assert.throws(() => parseCsvTable('a,b\n1,2\n1,2,3\n', 'f.csv', ['a', 'b']), /^InputError: f\.csv:3: 3 fields, expected 2/);
});

test('a missing column or a wrong exact header is refused on line 1', () => {
  assert.throws(() => parseCsvTable('a,c\n1,2\n', 'f.csv', ['a', 'b']), /f\.csv:1: header "a,c", expected columns "a,b"/);
  assert.throws(() => parseCsvTable('b,a\n1,2\n', 'f.csv', ['a', 'b'], { exact: true }), /f\.csv:1: header "b,a", expected "a,b"/);
});

test('an unterminated quote is an error, not a swallowed file', () => {
  assert.throws(() => parseCsvTable('a,b\n1,2\n"oops,3\n4,5\n', 'f.csv', ['a', 'b']), /f\.csv:3: a quoted field is never closed/);
});

test('parseCsvRecords keeps its plain shape', () => {
  assert.deepEqual(parseCsvRecords('a,b\r\n1,2'), [['a', 'b'], ['1', '2']]);
});
