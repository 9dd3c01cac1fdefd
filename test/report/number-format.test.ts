// Numbers keep 4 significant digits; non-finite scores show their status, never a number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmtNum, fmtScore, fmtSigned, cell } from '../../src/report/format.js';

test('significant digits, exponents, non-finite', () => {
  assert.equal(fmtNum(0.812345), '0.8123');
  assert.equal(fmtNum(1234.56), '1235');
  assert.equal(fmtNum(123456.7), '123457');
  assert.equal(fmtNum(2.5e12), '2.5e+12');
  assert.equal(fmtNum(0.000123456), '1.235e-4');
  assert.equal(fmtNum(0), '0');
  assert.equal(fmtNum(NaN), 'NaN');
  assert.equal(fmtNum(-Infinity), '−∞');
  assert.equal(fmtNum(undefined), '–');
  assert.equal(fmtSigned(0.0612), '+0.0612');
  assert.equal(fmtSigned(-0.06), '-0.06');
});

test('score cells show the status of a failed proxy', () => {
  const row = { arch: 'a', proxy: 'p', value: NaN, seconds: 0 };
  assert.equal(fmtScore({ ...row, status: 'nan' }), '⚠️ NaN');
  assert.equal(fmtScore({ ...row, status: 'inf', value: Infinity }), '⚠️ inf');
  assert.equal(fmtScore({ ...row, status: 'error', error: 'OOM | at conv' }), '⚠️ error: OOM | at conv');
  assert.equal(cell('OOM | at conv\nnext'), 'OOM \\| at conv next');
  assert.equal(fmtScore({ ...row, status: 'ok', value: 3.14159 }), '3.142');
});
