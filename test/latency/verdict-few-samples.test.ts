import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyVerdict } from '../../src/latency/verdict.js';

test('fewer than minSamples per side is the same, with the reason', () => {
  const v = latencyVerdict([10, 10.1, 9.9], [20, 20.2, 19.8], { alpha: 0.05, minEffect: 0.05 });
  assert.equal(v.verdict, 'same');
  assert.match(v.reason, /too few samples \(base 3, head 3; need 5 each\)/);
  assert.equal(v.ratio, 2); // still reported, never acted on
  const none = latencyVerdict([], [1, 2], { alpha: 0.05, minEffect: 0.05 });
  assert.equal(none.verdict, 'same');
  assert.match(none.reason, /no samples/);
  assert.throws(() => latencyVerdict([1, -1, 2, 3, 4], [1, 2, 3, 4, 5], { alpha: 0.05, minEffect: 0.05 }), RangeError);
});
