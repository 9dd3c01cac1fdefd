// readResults refuses a damaged results folder with one message naming the file and the field (or line and
// column), and accepts the folder the writers produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../src/rundir/read.js';
import { InputError } from '../../src/io/input-error.js';
import { writeRunDir } from '../helpers/run-dir.js';

const ARCHS = ['a', 'b', 'c'];

function refusal(mutate: (dir: string) => void): string {
  const dir = writeRunDir(ARCHS);
  mutate(dir);
  try {
    readResults(dir);
  } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
    return e.message;
  }
  assert.fail('accepted');
}
const edit = (dir: string, f: string, fn: (s: string) => string) => writeFileSync(join(dir, f), fn(readFileSync(join(dir, f), 'utf8')));
const editJson = (dir: string, f: string, fn: (o: any) => void) => edit(dir, f, (s) => { const o = JSON.parse(s); fn(o); return JSON.stringify(o); });

test('the writers\' folder reads back', () => {
  const r = readResults(writeRunDir(ARCHS));
  assert.equal(r.scores.length, 6);
  assert.ok(Number.isNaN(r.latency!.rows[0].normalized));
});

test('run.json: truncated, missing field, wrong type, unknown version', () => {
  assert.match(refusal((d) => edit(d, 'run.json', (s) => s.slice(0, 40))), /run\.json:\d+:\d+: invalid JSON: unexpected end of input/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { delete o.timings; })), /run\.json: timings: got nothing, expected an object/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.timings.totalSeconds = 'x'; })), /run\.json: timings\.totalSeconds: got "x", expected a finite number >= 0/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.formatVersion = 7; })), /run\.json: formatVersion: got 7, expected 1/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.archs[1] = 5; })), /run\.json: archs\[1\]: got 5, expected a non-empty string/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.backend = 'x'; })), /run\.json: backend: got "x", expected one of node, wasm, cpu/);
  assert.match(refusal((d) => rmSync(join(d, 'run.json'))), /run\.json: not found/);
});

test('scores.csv: non-finite or non-numeric ok values, duplicates, bad status', () => {
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.replace('a,params,0.5,ok', 'a,params,abc,ok'))), /scores\.csv:2: value: got "abc", expected a finite number \(status ok\)/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.replace('a,params,0.5,ok', 'a,params,Infinity,ok'))), /scores\.csv:2: value: got "Infinity", expected a finite number/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.replace('a,params,0.5,ok', 'a,params,,ok'))), /scores\.csv:2: value: got "", expected a finite number/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s + 'a,params,1,ok,0.1\n')), /scores\.csv:8: arch "a", proxy "params" already on line 2/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.replace('a,params,0.5,ok', 'a,params,0.5,fine'))), /scores\.csv:2: status: got "fine", expected one of ok, nan, inf, unstable, error/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.replace('0.0100', '-1'))), /scores\.csv:2: seconds: got "-1"/);
});

test('run.json and scores.csv must agree', () => {
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.archs.push('d'); })), /scores\.csv: no row for arch "d", proxy "params", which run\.json lists/);
  assert.match(refusal((d) => editJson(d, 'run.json', (o) => { o.archs = []; })), /scores\.csv: arch "a" has rows, but run\.json archs does not list it/);
  assert.match(refusal((d) => edit(d, 'scores.csv', (s) => s.split('\n').slice(0, 5).join('\n') + '\n')), /no row for arch "c", proxy "grad_norm"/);
});

test('latency.json: damaged fields and foreign archs', () => {
  assert.match(refusal((d) => editJson(d, 'latency.json', (o) => { o.rows[0].median_ms = -1; })), /latency\.json: rows\[0\]\.median_ms: got -1, expected a finite number >= 0/);
  assert.match(refusal((d) => editJson(d, 'latency.json', (o) => { delete o.samples; })), /latency\.json: samples: got nothing, expected a list/);
  assert.match(refusal((d) => editJson(d, 'latency.json', (o) => { o.rows[0].arch = 'zzz'; })), /latency\.json: rows: arch "zzz" is not in run\.json archs/);
});

test('the folder itself: missing, or a file', () => {
  assert.match(refusal((d) => rmSync(d, { recursive: true })), /not found, expected the output folder of `zsnas run`/);
});
