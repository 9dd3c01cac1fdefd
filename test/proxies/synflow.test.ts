// SynFlow against its closed form. With |θ| and an all-ones input every ReLU is linear, so for a conv/dense weight
// layer Σ_w w·dR/dw = R_l, the sum of the path products of the paths through l; summed over layers in float64
// JS by hand. Checked with the plain float32 graph and with per-node rescaling, on a network whose R overflows
// float32, and (wasm) for the order of magnitude of R on NB201 (PROXIES.md §8: log10 R ≈ 49 all-3x3, ≈ 6 ResNet-like).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/engine/backend.js';
import { GraphBuilder } from '../../src/graph/builder.js';
import { execute, type ParamMap } from '../../src/graph/execute.js';
import { disposeParams, initParams } from '../../src/graph/init.js';
import synflow, { logSynflow } from '../../src/proxies/synflow.js';
import { buildNb201 } from '../../src/spaces/nb201/network.js';
import { deterministicNoLeak, f64, relErr, useCpu } from './grad-helpers.js';

before(useCpu);

const BN = { op: 'batchnorm', affine: true, eps: 1e-5, momentum: 0.1 } as const;

/** float64 NHWC conv of |W| ([kh,kw,cin,cout]) over a [h,w,cin] map, symmetric zero padding. */
function conv64(x: Float64Array, [h, w, cin]: number[], W: Float64Array, [kh, kw, , cout]: number[], stride: number, pad: number) {
  const ho = Math.floor((h + 2 * pad - kh) / stride) + 1, wo = Math.floor((w + 2 * pad - kw) / stride) + 1;
  const out = new Float64Array(ho * wo * cout);
  for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) for (let o = 0; o < cout; o++) {
    let s = 0;
    for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) {
      const r = i * stride - pad + a, c = j * stride - pad + b;
      if (r < 0 || r >= h || c < 0 || c >= w) continue;
      for (let k = 0; k < cin; k++) s += x[(r * w + c) * cin + k] * Math.abs(W[((a * kw + b) * cin + k) * cout + o]);
    }
    out[(i * wo + j) * cout + o] = s;
  }
  return { out, shape: [ho, wo, cout] };
}

const abs64 = (t: tf.Tensor) => f64(t).map(Math.abs);

test('conv DAG (BN present, removed): synflow = 3·P_ab + 2·P_c in closed form, with and without rescaling', async () => {
  const g = new GraphBuilder('syn-conv', [5, 5, 3], 3);
  g.add('ca', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 4, bias: false }, ['input']);
  g.add('ba', BN, ['ca']);
  g.add('ra', { op: 'relu' }, ['ba']);
  g.add('cb', { op: 'conv2d', kernel: [3, 3], stride: 2, pad: [1, 1, 1, 1], filters: 4, bias: false }, ['ra']);
  g.add('cc', { op: 'conv2d', kernel: [1, 1], stride: 2, pad: [0, 0, 0, 0], filters: 4, bias: false }, ['input']);
  g.add('add', { op: 'add' }, ['cb', 'cc']);
  g.add('gap', { op: 'global_avg_pool' }, ['add']);
  g.add('fc', { op: 'dense', units: 3, bias: true }, ['gap']);
  const graph = g.build('fc', 'add');
  const params = initParams(graph, 5, 'syn-conv');
  try {
    const ones = new Float64Array(5 * 5 * 3).fill(1);
    const za = conv64(ones, [5, 5, 3], f64(params['ca.weight']), params['ca.weight'].shape, 1, 1);
    const zb = conv64(za.out, za.shape, f64(params['cb.weight']), params['cb.weight'].shape, 2, 1);
    const zc = conv64(ones, [5, 5, 3], f64(params['cc.weight']), params['cc.weight'].shape, 2, 0);
    const fc = abs64(params['fc.weight']);
    // P = Σ logits reached through one branch, head bias excluded: Σ_j mean_hw(z)_j Σ_k |W_fc|_jk.
    const P = (z: Float64Array) => {
      let s = 0;
      for (let p = 0; p < z.length; p++) for (let k = 0; k < 3; k++) s += (z[p] / 9) * fc[(p % 4) * 3 + k];
      return s;
    };
    const closed = Math.log(3 * P(zb.out) + 2 * P(zc.out));
    const plain = logSynflow(graph, params, false);
    const scaled = logSynflow(graph, params, true);
    // Both float32; measured |Δ log| ≤ 3.4e-8.
    assert.ok(Math.abs(plain - closed) < 1e-5, `plain float32 ${plain} vs closed form ${closed}`);
    assert.ok(Math.abs(scaled - closed) < 1e-5, `rescaled ${scaled} vs closed form ${closed}`);
    console.log(`conv DAG log synflow: closed ${closed}, plain Δ ${(plain - closed).toExponential(2)}, rescaled Δ ${(scaled - closed).toExponential(2)}`);
  } finally {
    disposeParams(params);
  }
});

test('MLP with biases: synflow = Σ_j (u_j + (u_j + |b1|_j)) c_j, with and without rescaling', async () => {
  const g = new GraphBuilder('syn-mlp', [2, 2, 3], 4);
  g.add('flat', { op: 'flatten' }, ['input']);
  g.add('d1', { op: 'dense', units: 6, bias: true }, ['flat']);
  g.add('r', { op: 'relu' }, ['d1']);
  g.add('d2', { op: 'dense', units: 4, bias: true }, ['r']);
  const graph = g.build('d2', 'r');
  const params = initParams(graph, 9, 'syn-mlp');
  try {
    const W1 = abs64(params['d1.weight']), b1 = abs64(params['d1.bias']), W2 = abs64(params['d2.weight']);
    let total = 0;
    for (let j = 0; j < 6; j++) {
      let u = 0, c = 0;
      for (let i = 0; i < 12; i++) u += W1[i * 6 + j];
      for (let k = 0; k < 4; k++) c += W2[j * 4 + k];
      total += u * c + (u + b1[j]) * c; // R_1 (paths through W1) + R_2 (paths through W2, incl. from b1)
    }
    const closed = Math.log(total);
    for (const rescale of [false, true]) {
      const v = logSynflow(graph, params, rescale);
      assert.ok(Math.abs(v - closed) < 1e-5, `rescale=${rescale}: ${v} vs closed form ${closed}`);
    }
  } finally {
    disposeParams(params);
  }
});

test('beyond float32: a 14-layer chain with R ≈ 1e47 overflows without rescaling and is exact with it', async () => {
  const D = 14, width = 16;
  const g = new GraphBuilder('syn-deep', [1, 1, width], width);
  let x = g.add('flat', { op: 'flatten' }, ['input']);
  for (let l = 0; l < D; l++) {
    x = g.add(`d${l}`, { op: 'dense', units: width, bias: false }, [x]);
    if (l < D - 1) x = g.add(`r${l}`, { op: 'relu' }, [x]);
  }
  const graph = g.build(x, 'flat');
  const init = initParams(graph, 2, 'syn-deep');
  const params: ParamMap = {};
  for (const [k, v] of Object.entries(init)) params[k] = tf.mul(v, 1000);
  disposeParams(init);
  try {
    // No biases: every path crosses every layer, so synflow = D · R, R = 1ᵀ|W_D|ᵀ…|W_1|ᵀ 1 (float64).
    let v = new Float64Array(width).fill(1);
    for (let l = 0; l < D; l++) {
      const W = abs64(params[`d${l}.weight`]);
      const next = new Float64Array(width);
      for (let i = 0; i < width; i++) for (let j = 0; j < width; j++) next[j] += v[i] * W[i * width + j];
      v = next;
    }
    const R = v.reduce((a, b) => a + b, 0);
    assert.ok(R > 1e40, `test network should overflow float32, R = ${R}`);
    const closed = Math.log(D * R);
    const plain = logSynflow(graph, params, false);
    assert.ok(!Number.isFinite(plain), `plain float32 should overflow, got ${plain}`);
    const scaled = logSynflow(graph, params, true);
    assert.ok(Math.abs(scaled - closed) < 1e-4, `rescaled ${scaled} vs closed form ${closed}`);
    console.log(`deep chain: log10 R = ${Math.log10(R).toFixed(2)}, log synflow rescaled Δ ${(scaled - closed).toExponential(2)}, plain ${plain}`);
  } finally {
    disposeParams(params);
  }
});

test('all paths cut (only a zero op between input and head): −inf, status inf', async () => {
  const g = new GraphBuilder('syn-cut', [4, 4, 3], 2);
  g.add('c', { op: 'conv2d', kernel: [1, 1], stride: 1, pad: [0, 0, 0, 0], filters: 2, bias: false }, ['input']);
  g.add('z', { op: 'zero' }, ['c']);
  g.add('gap', { op: 'global_avg_pool' }, ['z']);
  g.add('fc', { op: 'dense', units: 2, bias: true }, ['gap']);
  const graph = g.build('fc', 'z');
  const before = tf.memory().numTensors;
  const { scoreArch } = await import('../../src/proxies/score.js');
  const [row] = await scoreArch(graph, 'cut', [{ proxy: synflow, options: synflow.defaults }], 1, []);
  assert.equal(row.value, -Infinity);
  assert.equal(row.status, 'inf');
  assert.equal(tf.memory().numTensors, before);
});

test('synflow is deterministic and leaks no tensors', async () => {
  const g = new GraphBuilder('syn-det', [4, 4, 3], 3);
  g.add('c', { op: 'conv2d', kernel: [3, 3], stride: 1, pad: [1, 1, 1, 1], filters: 4, bias: true }, ['input']);
  g.add('b', BN, ['c']);
  g.add('gap', { op: 'global_avg_pool' }, ['b']);
  g.add('fc', { op: 'dense', units: 3, bias: true }, ['gap']);
  await deterministicNoLeak(synflow, g.build('fc', 'b'), []);
});

test('NB201 C10 (wasm): log10 R ≈ 49 for all-3x3 and ≈ 6 for the ResNet-like cell; synflow just above R', async () => {
  await initBackend('wasm');
  const cases = [
    { arch: '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|', log10R: 49 },
    { arch: '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|', log10R: 6 },
  ];
  for (const { arch, log10R } of cases) {
    const graph = buildNb201(arch, 'cifar10');
    const params = initParams(graph, 0, arch);
    const absParams: ParamMap = {};
    for (const [k, v] of Object.entries(params)) absParams[k] = tf.abs(v);
    try {
      const ones = tf.ones([1, 32, 32, 3]);
      const r = execute(graph, absParams, ones, { bn: 'identity', logScaled: true });
      const R = (Math.log(tf.tidy(() => tf.sum(r.logits).dataSync()[0])) + r.logScale) / Math.LN10;
      r.logits.dispose();
      ones.dispose();
      const S = logSynflow(graph, params) / Math.LN10;
      // Loose: init draws differ from PyTorch's; the references' figure is an order of magnitude.
      assert.ok(Math.abs(R - log10R) < 3, `${arch}: log10 R = ${R}, expected ≈ ${log10R}`);
      // Σ_l R_l with R_l ≤ R and R_head ≈ R: between log10 R and log10(#layers · R).
      assert.ok(S > R - 0.1 && S < R + Math.log10(graph.params.length), `log10 synflow ${S} vs log10 R ${R}`);
      console.log(`${arch}: log10 R = ${R.toFixed(2)}, log10 synflow = ${S.toFixed(2)}`);
    } finally {
      disposeParams(params);
      disposeParams(absParams);
    }
  }
});
