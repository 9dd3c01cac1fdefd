// TE-NAS number of linear regions (Chen et al., ICLR 2021). Codes are the signs of every ReLU's output (= [input > 0]),
// concatenated per sample; a region is one distinct code. Two settings, because on a full network every sample has
// its own code (64 samples -> 64 regions for every NB201 arch: the count saturates and ranks nothing):
//  - `tenas` (NB201 default): TE-NAS's own setting (VITA-Group/TENAS prune_tenas.py + linear_region_counter.py):
//    the thin network of passes/tenas-thin.ts (1 channel, one cell, no stem), `batches` x `crops` random 3x3
//    single-channel crops of the calibration images (3 x 1,000), train-mode BN per batch of `crops`, regions =
//    distinct codes over all batches; averaged over `repeats` (3) fresh inits and crops. TE-NAS's launcher asks for
//    init 'kaiming_normal', which matches neither branch of its init function, so it ran at PyTorch default init:
//    `init: pytorch` (option `kaiming_normal_fanin` gives the init its code names).
//  - `lines` (default for other spaces; zsnas's own, not a TE-NAS number): regions crossed along input-space
//    segments (Hanin & Rolnick 2019 count regions along lines): `lines` segments between pairs of calibration
//    images, `points` evenly spaced points each (one train-mode batch of lines x points); regions of a segment =
//    1 + sum over consecutive points of the Hamming distance of their codes (each unit that flips marks at least
//    one boundary crossed); the score is the mean over segments. Unbounded, so it does not saturate.
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../engine/rng.js';
import { execute, type ParamMap } from '../graph/execute.js';
import { disposeParams, initParams } from '../graph/init.js';
import type { Graph } from '../graph/ir.js';
import { registerProxy } from './registry.js';
import { positiveInt } from './passes/options.js';
import type { ReluKernel } from './passes/relu-codes.js';
import { buildTenasThin, THIN_CROP } from './passes/tenas-thin.js';
import type { CalibrationBatch, ProxyContext } from './types.js';

export const LR_SETTINGS = ['auto', 'tenas', 'lines'] as const;
export const LR_INITS = ['pytorch', 'kaiming_normal_fanin'] as const;
type LrInit = typeof LR_INITS[number];

/**
 * sum_i 1 / sum_j E_ij with E_ij = 1 when samples i and j have identical codes everywhere (K_ij equals the code
 * length): each group of identical samples adds 1, so this is the number of distinct patterns.
 */
export function linearRegionCount(kernel: ReluKernel): number {
  const { n, data } = kernel.k;
  let regions = 0;
  for (let i = 0; i < n; i++) {
    let same = 0;
    for (let j = 0; j < n; j++) if (data[i * n + j] === kernel.codeLength) same++;
    regions += 1 / same;
  }
  return Math.round(regions);
}

/** Parameters of `graph` for one repeat: PyTorch default, or kaiming_normal_(fan_in, relu) as TE-NAS's code names it. */
export function lrParams(graph: Graph, seed: number, key: string, init: LrInit): ParamMap {
  if (init === 'pytorch') return initParams(graph, seed, key, 'pytorch');
  const params = initParams(graph, seed, key, 'gaussian');
  for (const p of graph.params) {
    if (p.role !== 'weight') continue;
    const scaled = tf.mul(params[p.name], Math.sqrt(2 / p.fanIn));
    params[p.name].dispose();
    params[p.name] = scaled;
  }
  return params;
}

/** `n` random 3x3 single-channel crops (image, channel and corner drawn uniformly) as an [n, 3, 3, 1] array. */
export function randomCrops(batches: readonly CalibrationBatch[], n: number, rng: Rng): Float32Array {
  // Every batch holds data.batch_size images: image k is batch k / per, index k % per. Counting instead of listing
  // them keeps lazily made batches that no crop falls in from being made (or held).
  const per = batches[0]?.n ?? 0;
  const count = batches.length * per;
  if (!count) throw new Error('proxy linear_regions: needs calibration images (data.batches >= 1)');
  const out = new Float32Array(n * THIN_CROP * THIN_CROP);
  for (let s = 0; s < n; s++) {
    const k = rng.int(count);
    const b = batches[Math.floor(k / per)], i = k % per;
    if (b.height < THIN_CROP || b.width < THIN_CROP) throw new Error(`proxy linear_regions: images of ${b.height}x${b.width} are smaller than the 3x3 crop`);
    const c = rng.int(3), top = rng.int(b.height - THIN_CROP + 1), left = rng.int(b.width - THIN_CROP + 1);
    for (let r = 0; r < THIN_CROP; r++) {
      for (let q = 0; q < THIN_CROP; q++) {
        out[(s * THIN_CROP + r) * THIN_CROP + q] = b.images[((i * b.height + top + r) * b.width + left + q) * 3 + c];
      }
    }
  }
  return out;
}

/** Appends every ReLU's sign code of one batch to the per-sample code strings. */
function collectCodes(graph: Graph, params: ParamMap, x: tf.Tensor4D, codes: string[], offset: number): void {
  const n = x.shape[0];
  const r = execute(graph, params, x, {
    bn: 'train',
    onReluInput: (_node, z) => {
      const v = z.dataSync(), per = v.length / n;
      for (let i = 0; i < n; i++) {
        let s = '';
        for (let u = 0; u < per; u++) s += v[i * per + u] > 0 ? '1' : '0';
        codes[offset + i] += s;
      }
    },
  });
  r.logits.dispose();
  for (const t of r.kept.values()) t.dispose();
}

export interface TenasSetting { crops: number; batches: number; repeats: number; init: LrInit }

/** TE-NAS's count on the thin network of an NB201 arch: mean over repeats of the distinct codes of batches x crops. */
export function tenasRegions(arch: string, classes: number, data: readonly CalibrationBatch[], seed: number, s: TenasSetting): number {
  const graph = buildTenasThin(arch, classes);
  let total = 0;
  for (let rep = 0; rep < s.repeats; rep++) {
    const params = lrParams(graph, seed, `${graph.name}#${rep}`, s.init);
    const codes = Array.from({ length: s.batches * s.crops }, () => '');
    try {
      for (let b = 0; b < s.batches; b++) {
        // Crops depend on the seed only: every arch sees the same points.
        const crops = randomCrops(data, s.crops, Rng.keyed(seed, 'linear_regions:crops', rep, b));
        const x = tf.tensor4d(crops, [s.crops, THIN_CROP, THIN_CROP, 1]);
        try { collectCodes(graph, params, x, codes, b * s.crops); } finally { x.dispose(); }
      }
    } finally {
      disposeParams(params);
    }
    total += new Set(codes).size;
  }
  return total / s.repeats;
}

/** Mean over segments of 1 + sum of Hamming distances between the codes of consecutive points. */
export function regionsAlongLines(graph: Graph, params: ParamMap, ends: tf.Tensor4D, lines: number, points: number): number {
  const x = tf.tidy(() => {
    const t = tf.reshape(tf.linspace(0, 1, points), [1, points, 1, 1, 1]);
    const [, h, w, c] = ends.shape;
    const a = tf.reshape(tf.slice(ends, [0, 0, 0, 0], [lines, -1, -1, -1]), [lines, 1, h, w, c]);
    const b = tf.reshape(tf.slice(ends, [lines, 0, 0, 0], [lines, -1, -1, -1]), [lines, 1, h, w, c]);
    return tf.reshape(tf.add(a, tf.mul(t, tf.sub(b, a))), [lines * points, h, w, c]) as tf.Tensor4D;
  });
  const flips = new Float64Array(lines);
  try {
    const r = execute(graph, params, x, {
      bn: 'train',
      onReluInput: (_node, z) => {
        const perLine = tf.tidy(() => {
          const code = tf.reshape(tf.greater(z, 0), [lines, points, -1]);
          const changed = tf.notEqual(tf.slice(code, [0, 1, 0], [-1, -1, -1]), tf.slice(code, [0, 0, 0], [-1, points - 1, -1]));
          return tf.sum(tf.cast(changed, 'int32'), [1, 2]);
        });
        perLine.dataSync().forEach((v, l) => { flips[l] += v; });
        perLine.dispose();
      },
    });
    r.logits.dispose();
    for (const t of r.kept.values()) t.dispose();
  } finally {
    x.dispose();
  }
  return flips.reduce((s, v) => s + 1 + v, 0) / lines;
}

function setting(ctx: ProxyContext, options: Record<string, unknown>): 'tenas' | 'lines' {
  const s = options.setting as typeof LR_SETTINGS[number];
  if (!LR_SETTINGS.includes(s)) {
    throw new Error(`proxy linear_regions: option "setting" must be one of ${LR_SETTINGS.join(', ')}, got ${JSON.stringify(options.setting)}`);
  }
  if (s !== 'auto') return s;
  return ctx.graph.name.startsWith('nb201:') ? 'tenas' : 'lines';
}

export default registerProxy({
  name: 'linear_regions',
  description: 'TE-NAS #linear regions: on NB201 (setting tenas) distinct ReLU sign codes of 3 x 1,000 3x3 single-channel ' +
    'crops on TE-NAS\'s 1-channel one-cell network, mean of 3 inits; elsewhere (setting lines) regions crossed along ' +
    'segments between calibration images (1 + Hamming distances of consecutive points).',
  needs: { data: true, labels: false, paramGrads: false, inputGrads: false, perSample: false },
  direction: 1,
  defaults: { setting: 'auto', crops: 1000, batches: 3, repeats: 3, init: 'pytorch', lines: 2, points: 64 },
  optionRules: {
    setting: { kind: 'string', oneOf: LR_SETTINGS }, init: { kind: 'string', oneOf: LR_INITS },
    crops: { kind: 'int', min: 2, max: 100_000 }, points: { kind: 'int', min: 2, max: 100_000 },
  },
  reference: 'TE-NAS Linear_Region_Collector on its thin network (C=1, N=1, no stem; input (1000,1,3,3) x 3 batches; ' +
    'repeat 3; PyTorch default init as its launcher ran); setting lines is zsnas\'s own, for non-NB201 graphs',
  compute: (ctx, options) => {
    const init = options.init as LrInit;
    if (!LR_INITS.includes(init)) {
      throw new Error(`proxy linear_regions: option "init" must be one of ${LR_INITS.join(', ')}, got ${JSON.stringify(options.init)}`);
    }
    if (setting(ctx, options) === 'tenas') {
      if (!ctx.graph.name.startsWith('nb201:')) {
        throw new Error(`proxy linear_regions: setting "tenas" needs an NB201 arch (TE-NAS's thin network), got ${ctx.graph.name}`);
      }
      return tenasRegions(ctx.graph.name.slice('nb201:'.length), ctx.graph.numClasses, ctx.batches, ctx.seed, {
        crops: positiveInt('linear_regions', options, 'crops', 2), batches: positiveInt('linear_regions', options, 'batches'),
        repeats: positiveInt('linear_regions', options, 'repeats'), init,
      });
    }
    const lines = positiveInt('linear_regions', options, 'lines');
    const points = positiveInt('linear_regions', options, 'points', 2);
    const available = ctx.batches[0]?.n ?? 0;
    if (available < 2 * lines) {
      throw new Error(`proxy linear_regions: setting "lines" with lines: ${lines} needs ${2 * lines} calibration images in batch 0, got ${available}`);
    }
    const params = init === 'pytorch' ? ctx.params('pytorch')
      : ctx.shared('params:lr-kaiming-fanin', () => { const p = lrParams(ctx.graph, ctx.seed, ctx.archKey, init); Object.values(p).forEach((t) => ctx.own(t)); return p; });
    return regionsAlongLines(ctx.graph, params, ctx.input(0, 2 * lines), lines, points);
  },
});
