// The survey's init ablation schemes: sample moments of large layers match torch.nn.init's closed forms, and the
// fans follow PyTorch's conventions (conv fan_in = in/groups·k·k, fan_out = out·k·k).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fansOf, initValues } from '../../src/graph/init.js';
import type { ParamSpec } from '../../src/graph/ir.js';

const conv: ParamSpec = { name: 'c.weight', node: 'c', role: 'weight', layer: 'conv', shape: [3, 3, 64, 128], fanIn: 576 };
const depthwise: ParamSpec = { name: 'd.weight', node: 'd', role: 'weight', layer: 'depthwise', shape: [5, 5, 96, 2], fanIn: 25 };
const dense: ParamSpec = { name: 'f.weight', node: 'f', role: 'weight', layer: 'dense', shape: [512, 100], fanIn: 512 };
const bias: ParamSpec = { name: 'f.bias', node: 'f', role: 'bias', layer: 'dense', shape: [100], fanIn: 512 };

test('fans as torch.nn.init computes them for [out, in/groups, kh, kw] weights', () => {
  assert.deepEqual(fansOf(conv), { fanIn: 64 * 9, fanOut: 128 * 9 });
  // groups = 96, out = 192: weight [192, 1, 5, 5] -> fan_in 25, fan_out 192 * 25
  assert.deepEqual(fansOf(depthwise), { fanIn: 25, fanOut: 192 * 25 });
  assert.deepEqual(fansOf(dense), { fanIn: 512, fanOut: 100 });
});

function moments(v: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let s = 0, s2 = 0, m = 0;
  for (const x of v) { s += x; s2 += x * x; m = Math.max(m, Math.abs(x)); }
  const mean = s / v.length;
  return { mean, variance: s2 / v.length - mean * mean, maxAbs: m };
}

test('variance of a 73,728-weight conv within 2% of the closed form; uniform schemes stay inside their bound', () => {
  const fi = 576, fo = 1152;
  const cases = [
    ['kaiming_normal_fan_in', 2 / fi, Infinity],
    ['kaiming_normal_fan_out', 2 / fo, Infinity],
    ['kaiming_uniform_fan_in', 2 / fi, Math.sqrt(6 / fi)],
    ['kaiming_uniform_fan_out', 2 / fo, Math.sqrt(6 / fo)],
    ['xavier_uniform', 2 / (fi + fo), Math.sqrt(6 / (fi + fo))],
    ['xavier_normal', 2 / (fi + fo), Infinity],
    ['pytorch', 1 / (3 * fi), 1 / Math.sqrt(fi)],
  ] as const;
  for (const [scheme, variance, bound] of cases) {
    const m = moments(initValues(conv, 11, 'arch', scheme));
    // The standard error of a sample variance over 73,728 draws is < 0.6% (uniform) / 0.53% (normal): 2% is > 3 sigma.
    assert.ok(Math.abs(m.variance / variance - 1) < 0.02, `${scheme}: variance ${m.variance} vs ${variance}`);
    assert.ok(Math.abs(m.mean) < 4 * Math.sqrt(variance / 73728), `${scheme}: mean ${m.mean}`);
    if (Number.isFinite(bound)) assert.ok(m.maxAbs <= bound && m.maxAbs > 0.99 * bound, `${scheme}: max |w| ${m.maxAbs} vs ${bound}`);
    else assert.ok(m.maxAbs > 3.5 * Math.sqrt(variance), `${scheme}: a normal draw of this size reaches past 3.5 sigma`);
  }
});

test('dense and depthwise use their own fans; ablation schemes zero the biases', () => {
  const d = moments(initValues(dense, 2, 'arch', 'xavier_normal'));
  assert.ok(Math.abs(d.variance / (2 / 612) - 1) < 0.03, `dense xavier_normal variance ${d.variance}`);
  const dw = moments(initValues(depthwise, 2, 'arch', 'kaiming_uniform_fan_out'));
  assert.ok(Math.abs(dw.variance / (2 / (192 * 25)) - 1) < 0.05, `depthwise fan_out variance ${dw.variance}`);
  assert.ok(initValues(bias, 2, 'arch', 'kaiming_normal_fan_in').every((x) => x === 0));
  assert.ok(initValues(bias, 2, 'arch', 'pytorch').some((x) => x !== 0));
});
