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

test('percentages with a true minus, compact SI values with units', async () => {
  const { fmtPct, fmtPctRange, fmtCompact, fmtValue } = await import('../../src/report/format.js');
  assert.equal(fmtPct(32.04), '+32%');
  assert.equal(fmtPct(-4.123), '−4.1%');
  assert.equal(fmtPct(0.04), '+0.04%');
  assert.equal(fmtPct(0), '0%');
  assert.equal(fmtPct(undefined), '–');
  assert.equal(fmtPctRange([25, 40]), '+25…+40');
  assert.equal(fmtPctRange([-1.2, 9]), '−1.2…+9');
  assert.equal(fmtCompact(281754), '281.8k');
  assert.equal(fmtCompact(-39370000), '−39.37M');
  assert.equal(fmtCompact(8.4e18), '8.4e+18');
  assert.equal(fmtCompact(1738.2), '1738');
  assert.equal(fmtValue(44100000, 'FLOPs'), '44.1M FLOPs');
  assert.equal(fmtValue(10.1, 'ms', 3), '10.1 ms');
  assert.equal(fmtValue(NaN, 'ms'), 'NaN');
});
