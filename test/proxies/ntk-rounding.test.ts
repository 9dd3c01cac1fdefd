// ntk's rounding flag on a one-hidden-layer ReLU net whose kappa is known in float64 (rows written out by hand):
// status ok and within 1e-5 of the float64 value on well-separated samples; `unstable` by Weyl's bound when two
// samples are nearly parallel (and the float32 value really is off by more than the tolerance); `unstable` by the
// one-ulp check when hidden units sit exactly on their ReLU kink (kappa jumps with the side of the kink); the bound
// holds for random row perturbations of its size.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import type { Graph } from '../../src/graph/ir.js';
import { symmetricEigenvalues, squareMatrix } from '../../src/linalg/eigen.js';
import { Rng } from '../../src/engine/rng.js';
import ntk from '../../src/proxies/ntk.js';
import { kappaRoundingBound } from '../../src/proxies/ntk-rounding.js';
import { scoreArch } from '../../src/proxies/score.js';
import { ArchContext } from '../../src/proxies/context.js';
import { UnstableScore } from '../../src/proxies/unstable.js';
import type { CalibrationBatch } from '../../src/data/batch.js';
import { relClose, useCpu } from './fwd-helpers.js';

before(useCpu);

const IN = 3, HIDDEN = 16, CLASSES = 2, SEED = 5;

function mlp(): Graph {
  const g = new GraphBuilder('relu-mlp', [1, 1, IN], CLASSES);
  g.add('flat', { op: 'flatten' }, ['input']);
  g.add('d1', { op: 'dense', units: HIDDEN, bias: false }, ['flat']);
  g.add('relu', { op: 'relu' }, ['d1']);
  g.add('d2', { op: 'dense', units: CLASSES, bias: false }, ['relu']);
  return g.build('d2', 'relu');
}

function batchOf(samples: number[][]): CalibrationBatch {
  return { images: Float32Array.from(samples.flat()), labels: new Int32Array(samples.length), n: samples.length, height: 1, width: 1 };
}

/** kappa in float64 from the exact rows: d(sum_c f_c)/dW1[k,j] = x_k [z_j > 0] sum_c W2[j,c], d/dW2[j,c] = relu(z_j). */
function float64Kappa(w1: Float32Array, w2: Float32Array, xs: Float32Array, n: number): number {
  const rows = Array.from({ length: n }, (_, i) => {
    const x = xs.subarray(i * IN, (i + 1) * IN);
    const z = Array.from({ length: HIDDEN }, (_, j) => x.reduce((s, xk, k) => s + xk * w1[k * HIDDEN + j], 0));
    const v = Array.from({ length: HIDDEN }, (_, j) => w2[j * CLASSES] + w2[j * CLASSES + 1]);
    const dW1 = Array.from({ length: IN * HIDDEN }, (_, kj) => x[Math.floor(kj / HIDDEN)] * (z[kj % HIDDEN] > 0 ? v[kj % HIDDEN] : 0));
    const dW2 = Array.from({ length: HIDDEN * CLASSES }, (_, jc) => Math.max(z[Math.floor(jc / CLASSES)], 0));
    return [...dW1, ...dW2];
  });
  const theta = squareMatrix(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) theta.data[i * n + j] = rows[i].reduce((s, a, k) => s + a * rows[j][k], 0);
  const ev = symmetricEigenvalues(theta);
  return ev[n - 1] / ev[0];
}

// The rows on tfjs (where these cases were measured) unless asked: onnxruntime rounds differently.
async function scored(graph: Graph, b: CalibrationBatch, options: Record<string, unknown> = {}, engine: 'tfjs' | 'onnxruntime' = 'tfjs') {
  const [row] = await scoreArch(graph, 'mlp', [{ proxy: ntk, options: { ...ntk.defaults, samples: b.n, repeats: 1, init: 'gaussian', ...options } }],
    SEED, [b], 'pytorch', engine);
  return row;
}

function weightsOf(graph: Graph, edit?: (w1: Float32Array) => void) {
  const p = initParams(graph, SEED, 'mlp', 'gaussian');
  const w1 = Float32Array.from(p['d1.weight'].dataSync() as Float32Array), w2 = Float32Array.from(p['d2.weight'].dataSync() as Float32Array);
  disposeParams(p);
  edit?.(w1);
  return { w1, w2 };
}

test('well-separated samples: status ok, kappa within 1e-5 of the float64 value', async () => {
  const graph = mlp();
  const b = batchOf([[1.2, -0.3, 0.8], [-0.5, 1.1, 0.4], [0.3, 0.7, -1.3]]);
  const row = await scored(graph, b);
  const { w1, w2 } = weightsOf(graph);
  assert.equal(row.status, 'ok', row.error);
  relClose(-row.value, float64Kappa(w1, w2, b.images, 3), 1e-5);
});

test('two nearly parallel samples: float32 kappa is off by more than the tolerance, and Weyl\'s bound flags it', async () => {
  const graph = mlp();
  const b = batchOf([[1.2, -0.3, 0.8], [1.2 + 4e-7, -0.3 - 4e-7, 0.8 + 8e-7], [0.3, 0.7, -1.3]]);
  const row = await scored(graph, b, { ulp_check: false });
  const { w1, w2 } = weightsOf(graph);
  const exact = float64Kappa(w1, w2, b.images, 3);
  assert.ok(exact > 1e9, `float64 kappa ${exact}`);
  assert.ok(Math.abs(-row.value - exact) / exact > ntk.defaults.tolerance as number, `float32 ${-row.value} vs float64 ${exact}`);
  assert.equal(row.status, 'unstable');
  assert.match(row.error!, /near-singular.*Weyl/);
  // The bound is the rows' rounding, not one engine's luck: onnxruntime's rows are flagged the same way.
  const onOrt = await scored(graph, b, { ulp_check: false }, 'onnxruntime');
  assert.equal(onOrt.status, 'unstable');
  assert.match(onOrt.error!, /near-singular.*Weyl/);
});

test('hidden units exactly on their ReLU kink for one sample: the one-ulp check flags it, and kappa does jump', async () => {
  const graph = mlp();
  // Sample 0 is (1, 1, 0) and half the hidden units' first two weights are (a, -a): their pre-activations are exactly
  // 0 for it (one ulp up or down of a and -a puts a quarter of them on the active side).
  const kink = (w1: Float32Array) => { for (let j = 0; j < HIDDEN / 2; j++) w1[HIDDEN + j] = -w1[j]; };
  const b = batchOf([[1, 1, 0], [-0.5, 1.1, 0.4], [0.3, 0.7, -1.3]]);
  const { w1, w2 } = weightsOf(graph, kink);
  // The float64 kappa on either side of the kink (sample 0's third input +-1e-3 moves every pre-activation off 0).
  const side = (s: number) => float64Kappa(w1, w2, Float32Array.from([1, 1, s, ...b.images.subarray(3)]), 3);
  // The kinked weights replace the context's initial ones (the proxy reads the context's parameter set).
  const ctx = new ArchContext(graph, 'mlp', SEED, [b], 'gaussian');
  try {
    const p = ctx.params('gaussian');
    p['d1.weight'].dispose();
    p['d1.weight'] = tf.tensor(w1, [IN, HIDDEN]);
    const err = await Promise.resolve().then(() => ntk.compute(ctx, { ...ntk.defaults, samples: 3, repeats: 1, init: 'gaussian' }))
      .then(() => null, (e: Error) => e);
    assert.ok(err instanceof UnstableScore, `expected unstable, got ${err}`);
    assert.match(err.message, /one ulp/);
    const off = side(0), on = side(1e-3);
    assert.ok(Math.abs(on - off) / off > ntk.defaults.tolerance as number, `kappa ${off} vs ${on} across the kink`);
    const okWithoutCheck = await ntk.compute(ctx, { ...ntk.defaults, samples: 3, repeats: 1, init: 'gaussian', ulp_check: false });
    relClose(-okWithoutCheck, off, 1e-5);
  } finally {
    ctx.dispose();
  }
});

test('the bound holds: random relative row errors of size rho never move kappa by more than it', () => {
  const rng = Rng.keyed(1, 'ntk-bound');
  const n = 4, width = 12, rho = 1e-5;
  const J = Array.from({ length: n }, () => Array.from({ length: width }, () => rng.next() - 0.5));
  J[1] = J[0].map((v, k) => v + 0.05 * J[1][k]); // one near-parallel pair: an ill-conditioned kernel
  const kappaOf = (rows: number[][]) => {
    const t = squareMatrix(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t.data[i * n + j] = rows[i].reduce((s, a, k) => s + a * rows[j][k], 0);
    return symmetricEigenvalues(t);
  };
  const ev = kappaOf(J);
  const kappa = ev[n - 1] / ev[0];
  const bound = kappaRoundingBound(ev, rho);
  assert.ok(bound > 0 && Number.isFinite(bound), `bound ${bound}`);
  let worst = 0;
  for (let t = 0; t < 200; t++) {
    const e = kappaOf(J.map((r) => r.map((v) => v * (1 + rho * (2 * rng.next() - 1)))));
    worst = Math.max(worst, Math.abs(e[n - 1] / e[0] - kappa) / kappa);
  }
  assert.ok(worst <= bound, `worst ${worst} > bound ${bound}`);
  assert.ok(worst > bound / 1000, `bound ${bound} not within 1000x of the worst seen ${worst}`);
  assert.equal(kappaRoundingBound(Float64Array.from([0, 0]), rho), 0); // all-zero kernel: TE-NAS's NaN convention
  assert.equal(kappaRoundingBound(Float64Array.from([1e-12, 1]), rho), Infinity);
});
