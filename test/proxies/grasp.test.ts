// GraSP's finite-difference Hessian-gradient product against exact double backprop (tf.grads of tf.grads) on a
// dense/BN/ReLU MLP, where tfjs can differentiate twice; then the proxy's score and sign against the exact score.
// Trap: tfjs gradients that reuse a saved OUTPUT (exp, softmax, tf.losses.softmaxCrossEntropy) are not
// differentiable a second time (silently wrong or "cannot compute gradient"), so the exact reference uses a
// cross-entropy built on an exp whose gradient recomputes exp from its input.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { saliencyWeights } from '../../src/graph/grad.js';
import grasp, { fdHessianGrad } from '../../src/proxies/grasp.js';
import { crossEntropy, lossGrads } from '../../src/proxies/passes/loss-grads.js';
import { batches, context, deterministicNoLeak, relErr, tinyConvNet, tinyMlp, useCpu } from './grad-helpers.js';

before(useCpu);

/** Exact H·g over the named weights: gradient of z(W) = Σ_l <g_l (fixed), dL/dW_l (W)>. */
function exactHg(loss: (p: ParamMap) => tf.Scalar, params: ParamMap, names: string[], g: Map<string, tf.Tensor>): tf.Tensor[] {
  const lossOfWeights = (...ws: tf.Tensor[]) => loss({ ...params, ...Object.fromEntries(names.map((n, i) => [n, ws[i]])) });
  return tf.grads((...ws: tf.Tensor[]) => {
    const inner = tf.grads(lossOfWeights)(ws);
    return tf.addN(inner.map((d, i) => tf.sum(tf.mul(d, g.get(names[i])!)))) as tf.Scalar;
  })(names.map((n) => params[n]));
}

const exp2 = tf.customGrad(((z: tf.Tensor, save: tf.GradSaveFunc) => {
  save([z]);
  return { value: tf.exp(z), gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy, exp2(saved[0])) };
}) as never) as unknown as (z: tf.Tensor) => tf.Tensor;

/** Mean cross-entropy, twice differentiable in tfjs (logits of the tiny MLP are O(1): no max shift needed). */
function crossEntropy2(logits: tf.Tensor, onehot: tf.Tensor): tf.Scalar {
  const lse = tf.log(tf.sum(exp2(logits), 1));
  return tf.mean(tf.sub(lse, tf.sum(tf.mul(onehot, logits), 1))) as tf.Scalar;
}

test('finite-difference Hg matches exact double backprop on an MLP; score and sign match', async () => {
  const graph = tinyMlp();
  const ctx = context(graph, batches(graph, 8));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const x = ctx.input(0), y = ctx.labels(0);
    const loss = (p: ParamMap) => crossEntropy2(execute(graph, p, x).logits, y);
    const same = tf.tidy(() => tf.sub(loss(params), crossEntropy(execute(graph, params, x).logits, y)).dataSync()[0]);
    assert.ok(Math.abs(same) < 1e-6, `the twice-differentiable CE differs from the proxy's by ${same}`);
    const { grads } = lossGrads(ctx);
    const exact = exactHg(loss, params, names, grads);
    const { hg, eps } = fdHessianGrad(graph, params, names, grads, loss);
    let num = 0, den = 0;
    names.forEach((n, i) => {
      const a = hg.get(n)!.dataSync(), b = exact[i].dataSync();
      for (let k = 0; k < a.length; k++) { num += (a[k] - b[k]) ** 2; den += b[k] ** 2; }
    });
    const rel = Math.sqrt(num / den);
    // Measured: relative L2 error of Hg 4.3e-4, of the score 1.6e-3 (float32 rounding of the gradient difference).
    assert.ok(rel < 1e-2, `FD Hg relative L2 error ${rel}`);
    assert.ok(eps > 0);

    let exactScore = 0;
    names.forEach((n, i) => { exactScore -= tf.tidy(() => tf.sum(tf.mul(params[n], exact[i])).dataSync()[0]); });
    const score = await grasp.compute(ctx, grasp.defaults);
    assert.equal(Math.sign(score), Math.sign(exactScore));
    assert.ok(relErr(score, exactScore) < 1e-2, `grasp ${score} vs exact ${exactScore}`);
    console.log(`Hg rel L2 err ${rel.toExponential(2)}; grasp ${score} vs exact ${exactScore} ` +
      `(rel ${relErr(score, exactScore).toExponential(2)})`);
    exact.forEach((t) => t.dispose());
    hg.forEach((t) => t.dispose());
  } finally {
    ctx.dispose();
  }
});

test('grasp on a conv net: stable under halving the step (no exact reference exists there)', async () => {
  const graph = tinyConvNet();
  const bs = batches(graph, 4);
  const ctxA = context(graph, bs);
  const ctxB = context(graph, bs);
  try {
    const va = await grasp.compute(ctxA, { eps: 1e-3 });
    const vb = await grasp.compute(ctxB, { eps: 5e-4 });
    assert.ok(Number.isFinite(va) && va !== 0);
    assert.ok(relErr(va, vb) < 1e-2, `grasp with eps 1e-3: ${va}, 5e-4: ${vb}`);
    console.log(`conv grasp ${va} (eps 1e-3) vs ${vb} (eps 5e-4), rel ${relErr(va, vb).toExponential(2)}`);
  } finally {
    ctxA.dispose();
    ctxB.dispose();
  }
});

test('grasp is deterministic and leaks no tensors', async () => {
  const graph = tinyConvNet();
  await deterministicNoLeak(grasp, graph, batches(graph, 4));
});

test('frozen ReLU patterns: a finite-difference step that crosses kinks still gives the autodiff Hessian product', async () => {
  const graph = tinyMlp();
  const ctx = context(graph, batches(graph, 8));
  try {
    const params = ctx.params();
    const names = saliencyWeights(graph);
    const x = ctx.input(0), y = ctx.labels(0);
    const masks = new Map<string, tf.Tensor>();
    tf.tidy(() => { execute(graph, params, x, { reluMasks: { record: masks } }); });
    const loss = (p: ParamMap) => crossEntropy2(execute(graph, p, x).logits, y);
    const frozen = (p: ParamMap) => crossEntropy2(execute(graph, p, x, { reluMasks: { use: masks } }).logits, y);
    const { grads } = lossGrads(ctx);
    const exact = exactHg(loss, params, names, grads);
    const err = (hg: Map<string, tf.Tensor>) => {
      let num = 0, den = 0;
      names.forEach((n, i) => {
        const a = hg.get(n)!.dataSync(), b = exact[i].dataSync();
        for (let k = 0; k < a.length; k++) { num += (a[k] - b[k]) ** 2; den += b[k] ** 2; }
      });
      return Math.sqrt(num / den);
    };
    const big = 0.3; // a step of 30% of the RMS weight flips many ReLUs
    const free = fdHessianGrad(graph, params, names, grads, loss, big);
    const held = fdHessianGrad(graph, params, names, grads, frozen, big);
    const eFree = err(free.hg), eHeld = err(held.hg);
    console.log(`relative L2 error at relEps ${big}: ReLUs free ${eFree.toExponential(2)}, frozen ${eHeld.toExponential(2)}`);
    assert.ok(eFree > 0.05, `the step should cross kinks (error ${eFree})`);
    assert.ok(eHeld < eFree / 5, `frozen ${eHeld} vs free ${eFree}`);
    tf.dispose([...free.hg.values(), ...held.hg.values(), ...exact, ...masks.values()]);
  } finally {
    ctx.dispose();
  }
});
