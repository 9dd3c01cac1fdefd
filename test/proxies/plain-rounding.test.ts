// plain's float32 flag: status ok at the default tolerance on a tiny net, `unstable` with the same value and the
// cancellation in the reason when the tolerance is below the estimate, and the estimate's closed form.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import plain from '../../src/proxies/plain.js';
import { cancellationRoundingEstimate } from '../../src/proxies/passes/rounding.js';
import { scoreArch } from '../../src/proxies/score.js';
import { batches, tinyConvNet, useCpu } from './grad-helpers.js';

before(useCpu);

test('cancellation x sqrt(K) x 2^-24', () => {
  assert.equal(cancellationRoundingEstimate(15800, 1, 65536), 15800 * 256 * 2 ** -24);
  assert.equal(cancellationRoundingEstimate(6, -3, 9), 2 * 3 * 2 ** -24);
});

test('plain is unstable, value kept, when the estimate exceeds the tolerance', async () => {
  const graph = tinyConvNet();
  const bs = batches(graph, 4);
  const [ok] = await scoreArch(graph, 'k', [{ proxy: plain, options: plain.defaults }], 2, bs);
  const [row] = await scoreArch(graph, 'k', [{ proxy: plain, options: { ...plain.defaults, tolerance: 1e-12 } }], 2, bs);
  assert.equal(plain.defaults.tolerance, 1e-2);
  assert.equal(ok.status, 'ok');
  assert.equal(row.status, 'unstable');
  assert.equal(row.value, ok.value);
  assert.match(row.error!, /plain: estimated float32 error .* exceeds tolerance 1e-12 \(its terms W\*g cancel: sum \|terms\| \/ \|score\| = /);
});
