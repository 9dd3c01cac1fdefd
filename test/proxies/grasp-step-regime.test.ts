// grasp's finite difference only extrapolates central differences that are in their h² regime: the regime test on
// ladders of known order, and on a tiny network a step far too large (eps 0.5) is shrunk until the value matches
// exact double backprop, where the unshrunk extrapolation does not.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import grasp, { inH2Regime } from '../../src/proxies/grasp.js';
import { scoreArch } from '../../src/proxies/score.js';
import { batches, tinyMlp, useCpu } from './grad-helpers.js';

before(useCpu);

const ladder = (f: (h: number) => number, eps: number) => [f(eps), f(eps / 2), f(eps / 4)];

test('h² regime: ratio 4 accepted, first-order or h⁴-dominated ladders refused, converged ones accepted', () => {
  assert.equal(inH2Regime(ladder((h) => 225 + 3 * h * h, 0.1), 1e-2), true);
  assert.equal(inH2Regime(ladder((h) => 225 + 3 * h * h + 0.5 * h ** 4, 0.1), 1e-2), true);
  assert.equal(inH2Regime(ladder((h) => 225 + 300 * h, 1), 1e-2), false); // ratio 2 (the full NB201 case: 1.95)
  assert.equal(inH2Regime(ladder((h) => 225 + 3 * h * h + 400 * h ** 4, 1), 1e-2), false); // ratio near 16
  assert.equal(inH2Regime([-109.2, -193.2, -236.3], 1e-2), false); // full-size NB201 all-1x1, eps 3e-3, float64
  assert.equal(inH2Regime([220.67, 223.92, 224.74], 1e-2), true); // the same at eps 3e-5
  assert.equal(inH2Regime([225.0001, 224.9999, 225.00005], 1e-2), true); // converged: differences are noise
});

test('a step outside the regime is shrunk until the finite difference matches double backprop', async () => {
  const graph = tinyMlp();
  const bs = batches(graph, 8);
  const run = async (options: Record<string, unknown>) =>
    (await scoreArch(graph, 'k', [{ proxy: grasp, options: { ...grasp.defaults, ...options } }], 2, bs))[0];
  const exact = await run({ hvp: 'exact' });
  const coarse = await run({ hvp: 'finite-difference', eps: 0.5 });
  const fine = await run({ hvp: 'finite-difference', eps: 0.05 });
  assert.equal(exact.status, 'ok');
  // eps 0.5 is refused and the run continues at 0.05: the same bits as a run asked for 0.05.
  assert.equal(coarse.value, fine.value);
  assert.ok(Math.abs(coarse.value - exact.value) < 1e-3 * Math.abs(exact.value), `eps 0.5 gave ${coarse.value}, exact ${exact.value}`);
  assert.equal(coarse.status, 'ok');
});
