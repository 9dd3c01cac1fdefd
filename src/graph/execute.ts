// Runs a Graph on a batch with the BN mode and taps a proxy asks for. Written with plain tf ops so that
// tf.grads / tf.variableGrads differentiate through it on every backend.
import * as tf from '@tensorflow/tfjs';
import { anyPad, convDepthwise, convGrouped } from './conv-ops.js';
import { avgPoolExcludePad, avgPoolIncludePad, channelShuffle, sliceChannels, unscaled } from './map-ops.js';
import type { Graph, GraphNode, Pad4 } from './ir.js';
import { channelMean } from './channel-mean.js';

export type ParamMap = Record<string, tf.Tensor>;

/** PyTorch-style running statistics of each BN node (absent = mean 0, var 1, as freshly built). */
export interface RunningStats {
  mean: Map<string, Float32Array>;
  variance: Map<string, Float32Array>;
}

export function newRunningStats(): RunningStats {
  return { mean: new Map(), variance: new Map() };
}

export interface ExecOptions {
  /** 'train': batch statistics (PyTorch train mode); 'running': running statistics; 'identity': BN removed (SynFlow). */
  bn?: 'train' | 'running' | 'identity';
  /** With bn 'train': update these running statistics as PyTorch does (momentum, unbiased variance). With 'running': read them. */
  running?: RunningStats;
  /**
   * Called with the input of every rectifier-like unit (NASWOT codes, linear regions): ReLU and ReLU6, and the
   * units that gate on the sign of x in networks without ReLUs (LeakyReLU, hard swish, SiLU): code x > 0.
   */
  onReluInput?: (node: GraphNode, x: tf.Tensor) => void;
  /**
   * Activation patterns of ReLU/ReLU6 nodes: `record` stores each node's mask (kept; caller disposes; ReLU 0/1,
   * ReLU6 0/1/2 with 2 = saturated), `use` replaces the activation by x * [mask = 1] (+ 6 where saturated). With the masks of θ frozen, the network is smooth around θ, so finite
   * differences of its gradient give the Hessian products autodiff gives (ReLU'' = 0), not jumps across kinks.
   */
  reluMasks?: { record?: Map<string, tf.Tensor>; use?: Map<string, tf.Tensor> };
  /** Added to the named nodes' outputs; the gradient w.r.t. these is dLoss/d(output) (Fisher). */
  additive?: Map<string, tf.Tensor>;
  /** Node outputs to return (kept alive for the caller; dispose them). */
  keep?: string[];
  /**
   * Rescale each node output to max|x| = 1 and carry the log of the factor, so that path-norm style products
   * (SynFlow, ~1e49 on NB201) fit in float32. Exact: the factors are constants, so logits = result * exp(logScale).
   */
  logScaled?: boolean;
}

export interface ExecResult {
  logits: tf.Tensor;
  kept: Map<string, tf.Tensor>;
  /** Natural log of the factor the logits must be multiplied by (0 unless logScaled). */
  logScale: number;
}

export function execute(graph: Graph, params: ParamMap, x: tf.Tensor, opts: ExecOptions = {}): ExecResult {
  const bnMode = opts.bn ?? 'train';
  const values = new Map<string, tf.Tensor>();
  const scales = new Map<string, number>();
  const keep = new Set(opts.keep ?? []);
  keep.add(graph.output);
  const owned = new Set<tf.Tensor>();
  const remaining = new Map<string, number>();
  for (const n of graph.nodes) for (const i of n.inputs) remaining.set(i, (remaining.get(i) ?? 0) + 1);

  const param = (id: string, role: string): tf.Tensor => {
    const t = params[`${id}.${role}`];
    if (!t) throw new Error(`${graph.name}: missing parameter ${id}.${role}`);
    return t;
  };

  for (const node of graph.nodes) {
    if (node.op === 'input') {
      values.set('input', x);
      scales.set('input', 0);
      continue;
    }
    const ins = node.inputs.map((i) => values.get(i)!);
    let scale = node.inputs.length ? scales.get(node.inputs[0])! : 0;
    let out: tf.Tensor;
    if (node.op === 'mul' && opts.logScaled) {
      // A product of two rescaled tensors carries the sum of their log factors.
      scale = scales.get(node.inputs[0])! + scales.get(node.inputs[1])!;
      out = tf.mul(ins[0], ins[1]);
    } else if ((node.op === 'add' || node.op === 'concat') && opts.logScaled) {
      const ss = node.inputs.map((i) => scales.get(i)!);
      scale = Math.max(...ss);
      const aligned = ins.map((t, k) => (ss[k] === scale ? t : tf.mul(t, Math.exp(ss[k] - scale))));
      out = node.op === 'add' ? tf.addN(aligned) : tf.concat(aligned, -1);
      aligned.forEach((t, k) => { if (t !== ins[k]) t.dispose(); });
    } else {
      out = applyNode(node, ins, param, bnMode, opts, Math.exp(-scale));
      // Saturating activations return true values: the factor was applied inside (see unscaled()).
      if (node.op === 'sigmoid' || node.op === 'hard_sigmoid') scale = 0;
    }
    const extra = opts.additive?.get(node.id);
    if (extra) {
      const summed = tf.add(out, extra);
      out.dispose();
      out = summed;
    }
    if (opts.logScaled && node.op !== 'zero') {
      const m = tf.tidy(() => tf.max(tf.abs(out)));
      const mv = m.dataSync()[0];
      m.dispose();
      if (mv > 0 && Number.isFinite(mv)) {
        const scaled = tf.div(out, mv);
        out.dispose();
        out = scaled;
        scale += Math.log(mv);
      }
    }
    values.set(node.id, out);
    scales.set(node.id, scale);
    owned.add(out);
    // Free inputs nobody else reads (tensors the tape needs are kept by the engine itself).
    for (const i of node.inputs) {
      const left = (remaining.get(i) ?? 0) - 1;
      remaining.set(i, left);
      const t = values.get(i)!;
      if (left === 0 && !keep.has(i) && owned.has(t) && !isAlias(t, values, i)) t.dispose();
    }
  }
  const kept = new Map<string, tf.Tensor>();
  for (const id of keep) if (id !== graph.output) kept.set(id, values.get(id)!);
  // Dead-end nodes (an NB201 node feeding only 'none' edges) have no consumer to free them.
  const held = new Set([...kept.values(), values.get(graph.output)!]);
  for (const t of owned) if (!held.has(t) && !t.isDisposed) t.dispose();
  return { logits: values.get(graph.output)!, kept, logScale: scales.get(graph.output)! };
}

/** An identity node returns its input tensor itself: do not free a tensor another live node still holds. */
function isAlias(t: tf.Tensor, values: Map<string, tf.Tensor>, id: string): boolean {
  for (const [k, v] of values) if (k !== id && v === t && !v.isDisposed) return true;
  return false;
}

function applyNode(
  node: GraphNode,
  ins: tf.Tensor[],
  param: (id: string, role: string) => tf.Tensor,
  bnMode: NonNullable<ExecOptions['bn']>,
  opts: ExecOptions,
  biasScale: number,
): tf.Tensor {
  const x = ins[0];
  switch (node.op) {
    case 'conv2d':
      return tf.tidy(() => {
        let y: tf.Tensor = convGrouped(x as tf.Tensor4D, param(node.id, 'weight') as tf.Tensor4D, node.stride, node.pad,
          node.groups, node.dilation);
        if (node.bias) y = tf.add(y, scaledBias(param(node.id, 'bias'), biasScale));
        return y;
      });
    case 'depthwise_conv2d':
      return tf.tidy(() => {
        let y: tf.Tensor = convDepthwise(x as tf.Tensor4D, param(node.id, 'weight') as tf.Tensor4D, node.stride, node.pad, node.dilation);
        if (node.bias) y = tf.add(y, scaledBias(param(node.id, 'bias'), biasScale));
        return y;
      });
    case 'dense':
      return tf.tidy(() => {
        let y: tf.Tensor = tf.matMul(x as tf.Tensor2D, param(node.id, 'weight') as tf.Tensor2D);
        if (node.bias) y = tf.add(y, scaledBias(param(node.id, 'bias'), biasScale));
        return y;
      });
    case 'batchnorm':
      return batchNorm(node, x, param, bnMode, opts.running);
    case 'relu':
    case 'relu6': {
      opts.onReluInput?.(node, x);
      const frozen = opts.reluMasks?.use?.get(node.id);
      if (frozen) {
        if (node.op === 'relu') return tf.mul(x, frozen);
        // ReLU6 masks hold 1 (linear), 0 (below 0) or 2 (saturated at 6: a constant 6, not 0).
        return tf.tidy(() => tf.add(tf.mul(x, tf.cast(tf.equal(frozen, 1), 'float32')), tf.mul(tf.cast(tf.equal(frozen, 2), 'float32'), 6)));
      }
      if (opts.reluMasks?.record) {
        opts.reluMasks.record.set(node.id, tf.keep(tf.tidy(() => node.op === 'relu'
          ? tf.cast(tf.greater(x, 0), 'float32')
          : tf.add(tf.cast(tf.logicalAnd(tf.greater(x, 0), tf.less(x, 6)), 'float32'), tf.mul(tf.cast(tf.greaterEqual(x, 6), 'float32'), 2)))));
      }
      if (node.op === 'relu') return tf.relu(x);
      // Under logScaled the tensor holds true / exp(scale): the clip at 6 moves with it (biasScale = exp(-scale)).
      return biasScale === 1 ? tf.relu6(x) : tf.clipByValue(x, 0, 6 * biasScale);
    }
    case 'leaky_relu':
      opts.onReluInput?.(node, x);
      return tf.leakyRelu(x, node.alpha);
    case 'silu':
      opts.onReluInput?.(node, x);
      // true / E = x * sigmoid(x E): the output keeps the input's factor.
      return tf.tidy(() => tf.mul(x, tf.sigmoid(unscaled(x, biasScale))));
    // Not positively homogeneous: under logScaled the stored x is true / exp(scale), so these see x * exp(scale).
    case 'sigmoid':
      return tf.tidy(() => tf.sigmoid(unscaled(x, biasScale)));
    case 'hard_sigmoid':
      // relu6(6 (alpha x + beta)) / 6 rather than clipByValue: GraSP's exact Hessian products differentiate twice,
      // and clipByValue's gradient (LogicalAnd) has no gradient in tfjs.
      return tf.tidy(() => tf.div(tf.relu6(tf.add(tf.mul(unscaled(x, biasScale), 6 * node.alpha), 6 * node.beta)), 6));
    case 'hard_swish':
      opts.onReluInput?.(node, x);
      // true / E = x * relu6(x E + 3) / 6, so the output keeps the input's factor.
      return tf.tidy(() => tf.mul(x, tf.div(tf.relu6(tf.add(unscaled(x, biasScale), 3)), 6)));
    case 'scale_shift':
      return tf.tidy(() => tf.add(tf.mul(x, node.scale), node.shift * biasScale));
    case 'mul':
      return tf.mul(x, ins[1]);
    case 'channel_shuffle':
      return channelShuffle(x, node.groups);
    case 'to_map':
      return tf.reshape(x, [x.shape[0], 1, 1, -1]);
    case 'slice_channels':
      return sliceChannels(x, node.start, node.end);
    case 'avg_pool':
      return (node.includePad ? avgPoolIncludePad : avgPoolExcludePad)(x as tf.Tensor4D, node.size, node.stride, node.pad);
    case 'max_pool':
      return tf.tidy(() => {
        const padded = anyPad(node.pad) ? tf.pad(x, [[0, 0], [node.pad[0], node.pad[1]], [node.pad[2], node.pad[3]], [0, 0]], -Infinity) : x;
        return tf.maxPool(padded as tf.Tensor4D, node.size, node.stride, 'valid');
      });
    case 'global_avg_pool':
      return tf.mean(x, [1, 2], node.keepDims === true);
    case 'flatten':
      return tf.reshape(x, [x.shape[0], -1]);
    case 'add':
      return ins.length === 1 ? tf.clone(x) : tf.addN(ins);
    case 'concat':
      return tf.concat(ins, -1);
    case 'zero':
      return tf.zerosLike(x);
    case 'identity':
      return tf.clone(x);
    case 'input':
      throw new Error('input node is not applied');
  }
}

function scaledBias(b: tf.Tensor, s: number): tf.Tensor {
  return s === 1 ? b : tf.mul(b, s);
}

function batchNorm(
  node: Extract<GraphNode, { op: 'batchnorm' }>,
  x: tf.Tensor,
  param: (id: string, role: string) => tf.Tensor,
  mode: NonNullable<ExecOptions['bn']>,
  running: RunningStats | undefined,
): tf.Tensor {
  if (mode === 'identity') return tf.clone(x);
  const c = x.shape[x.shape.length - 1];
  return tf.tidy(() => {
    let normed: tf.Tensor;
    if (mode === 'train' && !running) {
      normed = normalizeWithBatchStats(x, node.eps);
    } else if (mode === 'train') {
      // Broadcast arithmetic rather than the fused op: its gradient is several times faster on wasm (TFJS.md).
      const mean = channelMean(x);
      const centered = tf.sub(x, mean);
      const variance = channelMean(tf.square(centered));
      normed = tf.mul(centered, tf.rsqrt(tf.add(variance, node.eps)));
      if (running) updateRunning(node.id, node.momentum, mean, variance, x.size / c, c, running);
    } else {
      const mean = running?.mean.get(node.id) ?? new Float32Array(c);
      const variance = running?.variance.get(node.id) ?? new Float32Array(c).fill(1);
      const inv = variance.map((v) => 1 / Math.sqrt(v + node.eps));
      normed = tf.mul(tf.sub(x, tf.tensor1d(mean)), tf.tensor1d(inv));
    }
    if (!node.affine) return normed;
    return tf.add(tf.mul(normed, param(node.id, 'gamma')), param(node.id, 'beta'));
  });
}

/**
 * (x - mean) / sqrt(var + eps) over the batch axes with a hand-written backward: autodiff of the broadcast form
 * spends most of its time in BN's reductions and broadcasts; the closed form needs two means:
 *   dx = rstd * (dy - mean(dy) - xhat * mean(dy * xhat)).
 * The means come from channelMean, in two levels (pixels by an average pool, then images): the wasm Mean kernel's
 * one sequential float32 sum over N·H·W = 65,536 values moved GraSP's exact Hessian product 1.2% off float64 on the
 * all-1x1 NB201 cell (0.5% in two levels, PyTorch float32's own error), and the pool avoids Mean's transpose.
 */
function normalizeWithBatchStats(x: tf.Tensor, eps: number): tf.Tensor {
  const stats = (input: tf.Tensor) => {
    const centered = tf.sub(input, channelMean(input));
    const rstd = tf.rsqrt(tf.add(channelMean(tf.square(centered)), eps));
    return { xhat: tf.mul(centered, rstd), rstd };
  };
  // The backward recomputes the statistics from the saved input (cheap reductions) instead of saving them, so
  // that it is itself differentiable w.r.t. the input: double backprop (exact Hessian products) still works.
  const f = tf.customGrad(((input: tf.Tensor, save: tf.GradSaveFunc) => {
    save([input]);
    return {
      value: stats(input).xhat,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const { xhat, rstd } = stats(saved[0]);
        return tf.mul(rstd, tf.sub(tf.sub(dy, channelMean(dy)), tf.mul(xhat, channelMean(tf.mul(dy, xhat)))));
      },
    };
  }) as never) as unknown as (input: tf.Tensor) => tf.Tensor;
  return f(x);
}

function updateRunning(id: string, momentum: number, mean: tf.Tensor, variance: tf.Tensor, count: number, c: number,
  running: RunningStats): void {
  const m = mean.dataSync(), v = variance.dataSync();
  const rm = running.mean.get(id) ?? new Float32Array(c);
  const rv = running.variance.get(id) ?? new Float32Array(c).fill(1);
  const unbias = count > 1 ? count / (count - 1) : 1;
  for (let k = 0; k < c; k++) {
    rm[k] = (1 - momentum) * rm[k] + momentum * m[k];
    rv[k] = (1 - momentum) * rv[k] + momentum * v[k] * unbias;
  }
  running.mean.set(id, rm);
  running.variance.set(id, rv);
}
