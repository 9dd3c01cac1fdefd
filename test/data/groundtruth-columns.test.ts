// Asking for a column a table lacks lists the available columns and the nearest one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accuracyByArch, loadTable, numericColumn } from '../../src/data/groundtruth.js';

test('unknown and non-numeric columns; quoted fields and empty cells', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zsnas-gt-'));
  try {
    const path = join(dir, 't.csv');
    writeFileSync(path, 'index,arch,c10_test_200e\n0,"|a~0|",91.5\n1,"|b,c|",\n');
    assert.throws(() => accuracyByArch(path, 'c10_test_200'), {
      message: `${path}: no column "c10_test_200"; available columns: index, arch, c10_test_200e (did you mean "c10_test_200e"?)`,
    });
    assert.throws(() => numericColumn(loadTable(path), 'arch'), {
      message: `${path}: column "arch" is not numeric (row 2: "|a~0|")`,
    });
    const m = accuracyByArch(path, 'c10_test_200e');
    assert.deepEqual([...m.keys()], ['|a~0|', '|b,c|']);
    assert.equal(m.get('|a~0|'), 91.5);
    assert.ok(Number.isNaN(m.get('|b,c|')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
