import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withHugePageTunable } from '../../src/engine/huge-pages.js';

test('huge pages are added to the workers\' glibc tunables, keeping the user\'s own', () => {
  assert.equal(withHugePageTunable(undefined), 'glibc.malloc.hugetlb=1');
  assert.equal(withHugePageTunable(''), 'glibc.malloc.hugetlb=1');
  assert.equal(withHugePageTunable('glibc.malloc.arena_max=2'), 'glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1');
});

test('a hugetlb setting the user made is left as it is', () => {
  assert.equal(withHugePageTunable('glibc.malloc.hugetlb=0'), 'glibc.malloc.hugetlb=0');
  assert.equal(withHugePageTunable('glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2'), 'glibc.malloc.hugetlb=2:glibc.malloc.arena_max=2');
});
