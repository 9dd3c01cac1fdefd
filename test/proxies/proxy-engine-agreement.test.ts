// The proxies whose gradient passes moved to onnxruntime (grasp's finite-difference passes with their frozen
// ReLU patterns included) give the values they give on tfjs (float32: within
// 1e-4 relative; ZiCo and GraSP's finite difference within 1e-3), each row names the engine that
// computed it, a graph with an op that has no backward rule falls back to tfjs under auto saying why, and
// nothing is left behind (tensors; sessions are released with the arch).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { scoreArch } from '../../src/proxies/score.js';
import { getProxy } from '../../src/proxies/index.js';
import { batches, relErr, sigmoidNet, useCpu } from './grad-helpers.js';

before(useCpu);

const MOVED = ['grad_norm', 'snip', 'plain', 'fisher', 'jacob_cov', 'epe_nas', 'zico'];
const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|';

test('onnxruntime and tfjs passes give the same proxy values; rows name the engine; no leak', async () => {
  const graph = buildNb201(ARCH, 'cifar10', 4, 1);
  const bs = batches(graph, 6, 2);
  const runs = [...MOVED, 'grasp'].map((name) => {
    const proxy = getProxy(name);
    return { proxy, options: name === 'grasp' ? { ...proxy.defaults, hvp: 'finite-difference' } : proxy.defaults };
  });
  const before = tf.memory().numTensors;
  const ort = await scoreArch(graph, ARCH, runs, 2, bs, 'pytorch', 'onnxruntime');
  const tfjs = await scoreArch(graph, ARCH, runs, 2, bs, 'pytorch', 'tfjs');
  assert.equal(tf.memory().numTensors, before, 'no tensors left behind');
  for (let i = 0; i < runs.length; i++) {
    const name = runs[i].proxy.name;
    assert.equal(ort[i].status, 'ok', `${name}: ${ort[i].error}`);
    assert.equal(tfjs[i].status, 'ok', `${name}: ${tfjs[i].error}`);
    // ZiCo's log of ratios of nearly equal gradients and GraSP's finite difference of gradients (a step of
    // 3e-3 of the weights divides the gradients' rounding by it) amplify float32 differences: 1e-3 for both.
    const tol = name === 'zico' || name === 'grasp' ? 1e-3 : 1e-4;
    assert.ok(relErr(ort[i].value, tfjs[i].value) <= tol, `${name}: onnxruntime ${ort[i].value} vs tfjs ${tfjs[i].value}`);
    assert.equal(tfjs[i].engine, 'tfjs', name);
    assert.equal(ort[i].engine, 'onnxruntime', name); // grasp's finite difference too (frozen ReLU patterns fed)
  }
});

test('auto falls back to tfjs, with the reason, on a graph whose ops lack a backward rule', async () => {
  const graph = sigmoidNet();
  const [row] = await scoreArch(graph, 'sig', [{ proxy: getProxy('grad_norm'), options: {} }], 1, batches(graph, 4), 'pytorch', 'auto');
  assert.equal(row.status, 'ok');
  assert.equal(row.engine, 'tfjs');
  assert.match(row.engineNote ?? '', /no onnxruntime backward rule for sigmoid/);
});
