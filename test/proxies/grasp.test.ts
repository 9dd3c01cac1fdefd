// GraSP's Hessian-gradient product: exact double backprop (with the second-order gradients registered for conv,
// depthwise conv and average pooling) against the finite-difference estimate on networks with those ops, the
// finite difference against tf.grads of tf.grads on an MLP, the frozen-ReLU trick, the `unstable` status, no leaks.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { GraphBuilder } from '../../src/graph/builder.js';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import type { Graph } from '../../src/graph/ir.js';
import grasp, { exactHessianGrad, fdHessianGrad } from '../../src/proxies/grasp.js';
import { crossEntropy, crossEntropy2, lossGrads } from '../../src/proxies/passes/loss-grads.js';
import { scoreArch } from '../../src/proxies/score.js';
import { batches, context, deterministicNoLeak, relErr, tinyConvNet, tinyMlp, useCpu } from './grad-helpers.js';

before(useCpu);

const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;
const FD = { ...grasp.defaults, hvp: 'finite-difference' };

/** 1x1 expand -> depthwise 3x3 (stride 2) -> ReLU6 -> padded 3x3 avg pool -> GAP -> dense: the other kernels. */
function depthwiseNet(): Graph {
  const g = new GraphBuilder('tiny-dw', [6, 6, 3], 4);
  g.add('e', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: 6, bias: false }, ['input']);
  g.add('eb', BN, ['e']);
  g.add('er', { op: 'relu6' }, ['eb']);
  g.add('d', { op: 'depthwise_conv2d', kernel: [3, 3], stride: 2, pad: [1, 1, 1, 1], multiplier: 1, bias: false }, ['er']);
  g.add('db', BN, ['d']);
  g.add('dr', { op: 'relu6' }, ['db']);
  g.add('p', { op: 'avg_pool', size: 3, stride: 1, pad: [1, 1, 1, 1] }, ['dr']);
  g.add('gap', { op: 'global_avg_pool' }, ['p']);
  g.add('fc', { op: 'dense', units: 4, bias: true }, ['gap']);
  return g.build('fc', 'p');
}

/** Relative L2 distance between two name -> tensor maps. */
function relL2(a: Map<string, tf.Tensor>, b: Map<string, tf.Tensor>, names: string[]): number {
  let num = 0, den = 0;
  for (const n of names) {
    const x = a.get(n)!.dataSync(), y = b.get(n)!.dataSync();
    for (let k = 0; k < x.length; k++) { num += (x[k] - y[k]) ** 2; den += y[k] ** 2; }
  }
  return Math.sqrt(num / den);
}

function frozenLoss(graph: Graph, params: ParamMap, x: tf.Tensor, y: tf.Tensor) {
  const masks = new Map<string, tf.Tensor>();
  tf.tidy(() => { execute(graph, params, x, { reluMasks: { record: masks } }); });
  return { masks, loss: (p: ParamMap) => crossEntropy(execute(graph, p, x, { reluMasks: { use: masks } }).logits, y) };
}

for (const [name, build] of [['conv stride 2 + valid pool + BN', tinyConvNet], ['depthwise + ReLU6 + padded pool', depthwiseNet]] as const) {
  test(`exact H g (double backprop) = finite-difference H g on a ${name} net; proxy scores agree`, async () => {
    const graph = build();
    const ctx = context(graph, batches(graph, 6));
    try {
      const params = ctx.params();
      const names = saliencyWeights(graph);
      const x = ctx.input(0), y = ctx.labels(0);
      const { grads } = await lossGrads(ctx);
      const exact = exactHessianGrad(graph, params, names, grads, (p) => crossEntropy2(execute(graph, p, x).logits, y));
      const { masks, loss } = frozenLoss(graph, params, x, y);
      const fd = await fdHessianGrad(graph, params, names, grads, loss);
      const rel = relL2(fd.hg, exact, names);
      assert.ok(rel < 1e-3, `H g relative L2 error ${rel}`);
      const vExact = await grasp.compute(ctx, { ...grasp.defaults, hvp: 'exact' });
      const vFd = await grasp.compute(ctx, FD);
      assert.ok(relErr(vFd, vExact) < 1e-2, `grasp exact ${vExact}, finite difference ${vFd}`);
      console.log(`${name}: H g rel L2 ${rel.toExponential(2)}; grasp exact ${vExact} fd ${vFd}`);
      tf.dispose([...exact.values(), ...fd.hg.values(), ...fd.hgCheck.values(), ...masks.values()]);
    } finally {
      ctx.dispose();
    }
  });
}

test('exact H g = tf.grads of tf.grads written out by hand on an MLP', async () => {
  const graph = tinyMlp();
  const ctx = context(graph, batches(graph, 8));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const x = ctx.input(0), y = ctx.labels(0);
    const { grads } = await lossGrads(ctx);
    const loss = (p: ParamMap) => crossEntropy2(execute(graph, p, x).logits, y);
    const same = tf.tidy(() => tf.sub(loss(params), crossEntropy(execute(graph, params, x).logits, y)).dataSync()[0]);
    assert.ok(Math.abs(same) < 1e-6, `the twice-differentiable CE differs from the proxy's by ${same}`);
    const byHand = tf.grads((...ws: tf.Tensor[]) => {
      const inner = tf.grads((...vs: tf.Tensor[]) => loss({ ...params, ...Object.fromEntries(names.map((n, i) => [n, vs[i]])) }))(ws);
      return tf.addN(inner.map((d, i) => tf.sum(tf.mul(d, grads.get(names[i])!)))) as tf.Scalar;
    })(names.map((n) => params[n]));
    const exact = exactHessianGrad(graph, params, names, grads, loss);
    assert.ok(relL2(exact, new Map(names.map((n, i) => [n, byHand[i]])), names) < 1e-6);
    const { masks, loss: frozen } = frozenLoss(graph, params, x, y);
    const fd = await fdHessianGrad(graph, params, names, grads, frozen);
    assert.ok(relL2(fd.hg, exact, names) < 1e-3, `fd vs exact ${relL2(fd.hg, exact, names)}`);
    tf.dispose([...byHand, ...exact.values(), ...fd.hg.values(), ...fd.hgCheck.values(), ...masks.values()]);
  } finally {
    ctx.dispose();
  }
});

test('frozen ReLU patterns: a step that crosses kinks still gives the autodiff Hessian product', async () => {
  const graph = tinyMlp();
  const ctx = context(graph, batches(graph, 8));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const x = ctx.input(0), y = ctx.labels(0);
    const { grads } = await lossGrads(ctx);
    const free = (p: ParamMap) => crossEntropy2(execute(graph, p, x).logits, y);
    const exact = exactHessianGrad(graph, params, names, grads, free);
    const { masks, loss: frozen } = frozenLoss(graph, params, x, y);
    const big = 0.3; // steps of 30%, 15%, 7.5% of ||θ|| flip many ReLUs
    const a = await fdHessianGrad(graph, params, names, grads, free, big);
    const b = await fdHessianGrad(graph, params, names, grads, frozen, big);
    const eFree = relL2(a.hg, exact, names), eHeld = relL2(b.hg, exact, names);
    console.log(`relative L2 error at eps ${big}: ReLUs free ${eFree.toExponential(2)}, frozen ${eHeld.toExponential(2)}`);
    assert.ok(eFree > 0.05, `the step should cross kinks (error ${eFree})`);
    assert.ok(eHeld < eFree / 5, `frozen ${eHeld} vs free ${eFree}`);
    tf.dispose([...a.hg.values(), ...a.hgCheck.values(), ...b.hg.values(), ...b.hgCheck.values(), ...exact.values(), ...masks.values()]);
  } finally {
    ctx.dispose();
  }
});

test('disagreeing extrapolations give status unstable with the estimate and the reason; no leak', async () => {
  const graph = tinyConvNet();
  const bs = batches(graph, 4);
  const before = tf.memory().numTensors;
  const [ok] = await scoreArch(graph, 'k', [{ proxy: grasp, options: FD }], 2, bs);
  const [row] = await scoreArch(graph, 'k', [{ proxy: grasp, options: { ...FD, tolerance: 1e-12 } }], 2, bs);
  assert.equal(ok.status, 'ok');
  assert.equal(row.status, 'unstable');
  // At tolerance 1e-12 the differences may also fail the h² regime check (rounding noise), with the steps tried.
  if (/h² regime/.test(row.error!)) assert.match(row.error!, /eps 3e-3: .*; eps 3e-4: .*; eps 3e-5: /);
  else {
    assert.equal(row.value, ok.value);
    assert.match(row.error!, /grasp: two-level extrapolation .* one-level \(eps\/2, eps\/4\) .*tolerance 1e-12/);
  }
  assert.equal(tf.memory().numTensors, before);
});

test('hvp exact refuses max pooling up front (no second derivative in tfjs), without leaking', async () => {
  const g = new GraphBuilder('mp', [4, 4, 3], 2);
  g.add('c', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 2, bias: false }, ['input']);
  g.add('m', { op: 'max_pool', size: 2, stride: 2, pad: [0, 0, 0, 0] }, ['c']);
  g.add('gap', { op: 'global_avg_pool' }, ['m']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'm');
  const before = tf.memory().numTensors;
  const [row] = await scoreArch(graph, 'k', [{ proxy: grasp, options: { ...grasp.defaults, hvp: 'exact' } }], 1, batches(graph, 3));
  assert.equal(row.status, 'error');
  assert.match(row.error!, /max pooling .* use hvp: finite-difference/);
  assert.equal(tf.memory().numTensors, before);
});

test('grasp is deterministic and leaks no tensors (both methods)', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(grasp, graph, batches(graph, 4), FD);
  await deterministicNoLeak(grasp, graph, batches(graph, 4), { ...grasp.defaults, hvp: 'exact' });
});

test('hvp auto: exact double backprop on small networks, finite differences when the double tape would not fit', async () => {
  const { activationBytes, chooseHvp, EXACT_BUDGET_BYTES } = await import('../../src/proxies/grasp.js');
  const { buildNb201 } = await import('../../src/spaces/nb201/network.js');
  const small = tinyConvNet();
  assert.equal(chooseHvp('auto', small, 64), 'exact');
  const nb = buildNb201('|nor_conv_1x1~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_1x1~0|nor_conv_1x1~1|nor_conv_1x1~2|');
  assert.ok(8 * activationBytes(nb, 64) > EXACT_BUDGET_BYTES);
  assert.equal(chooseHvp('auto', nb, 64), 'finite-difference');
  assert.equal(chooseHvp('exact', nb, 64), 'exact', 'an explicit choice is kept');
  // input 6x6x3 + c1, b1, r1 6x6x4 + c2, p, a, r2 3x3x4 + gap 4 + fc 5 = 693 floats per sample.
  assert.equal(activationBytes(small, 2), 693 * 4 * 2);
});

test('frozen masks reproduce the forward at θ, ReLU6 saturation included (a saturated unit stays 6, not 0)', () => {
  const g = new GraphBuilder('r6', [2, 2, 3], 2);
  g.add('c', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: 4, bias: false }, ['input']);
  g.add('r', { op: 'relu6' }, ['c']);
  g.add('gap', { op: 'global_avg_pool' }, ['r']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'r');
  const ctx = context(graph, batches(graph, 4));
  try {
    const params = ctx.params();
    const x = tf.mul(ctx.input(0), 40) as tf.Tensor4D; // large inputs: many units above 6
    const masks = new Map<string, tf.Tensor>();
    const plain = tf.tidy(() => execute(graph, params, x, { reluMasks: { record: masks } }).logits.dataSync());
    const held = tf.tidy(() => execute(graph, params, x, { reluMasks: { use: masks } }).logits.dataSync());
    const codes = masks.get('r')!.dataSync();
    assert.ok(codes.includes(2) && codes.includes(1) && codes.includes(0), 'all three ReLU6 regimes present');
    for (let i = 0; i < plain.length; i++) assert.ok(Math.abs(plain[i] - held[i]) <= 1e-5 * Math.max(1, Math.abs(plain[i])));
    tf.dispose([x, ...masks.values()]);
  } finally {
    ctx.dispose();
  }
});

test('float32 rounding estimate: cancellation x sqrt(longest gradient sum) x 2^-24; flagged unstable with its reason', async () => {
  const { graspRoundingEstimate, longestGradientSum } = await import('../../src/proxies/grasp.js');
  // 417 = the all-1x1 NB201 cell's cancellation; K = 64 images x 32 x 32 pixels.
  assert.equal(graspRoundingEstimate(417, 1, 65536), 417 * 256 * 2 ** -24);
  assert.equal(graspRoundingEstimate(5, -2, 4), 2.5 * 2 * 2 ** -24);
  const graph = tinyConvNet();
  const conv = graph.nodes.filter((n) => n.op === 'conv2d').map((n) => n.shape[0] * n.shape[1]);
  assert.equal(longestGradientSum(graph, 4), 4 * Math.max(...conv));
  const bs = batches(graph, 4);
  const exact = { ...grasp.defaults, hvp: 'exact' };
  const [ok] = await scoreArch(graph, 'k', [{ proxy: grasp, options: exact }], 2, bs);
  const [row] = await scoreArch(graph, 'k', [{ proxy: grasp, options: { ...exact, tolerance: 1e-12 } }], 2, bs);
  assert.equal(ok.status, 'ok');
  assert.equal(row.status, 'unstable');
  assert.equal(row.value, ok.value);
  assert.match(row.error!, /grasp: estimated float32 error .* exceeds tolerance 1e-12 \(its terms W\*Hg cancel: sum \|terms\| \/ \|score\| = /);
});
