// Per-row gradients of the batch logits, J_i = d(sum_c f_c(x_i))/d theta for every row i of one batch (train-mode
// BN couples the rows, so row i is the gradient of the i-th row of the BATCH logits, not of a batch of one). What
// checkpointedGrads gives for one row, for all rows at once: the batch forward runs once (TE-NAS takes its rows
// with backward(retain_graph=True)), then each segment (checkpoint.ts) is recorded once and walked backward once
// per row (src/engine/retained-tape.ts). Same kernels on the same values in the same order as one
// checkpointedGrads call per row, so the same bits, with one forward per batch instead of two per row.
//
// Memory: the upstream gradients of the rows at a cut (one batch-sized activation each) are held together; rows
// go in groups that keep them under ROW_SEED_BYTES, and each group records the segments again (one forward more
// per group, small next to a backward per row).
import * as tf from '@tensorflow/tfjs';
import { execute, type ParamMap } from './execute.js';
import { liveNodes } from './grad.js';
import { segmentGraph, withoutDeadNodes } from './checkpoint.js';
import type { Graph } from './ir.js';
import { recordTape } from '../engine/retained-tape.js';

/** Budget for the rows' upstream gradients held at one cut (wasm's heap is 4 GiB, shared with the tapes). */
export const ROW_SEED_BYTES = 512 * 1024 * 1024;

/**
 * Calls onGrad(i, name, grad) once for every batch row i and every named parameter that reaches the logits (the
 * others have zero gradients: the caller's rows start at zero); `grad` is disposed after onGrad returns.
 */
export function checkpointedRowGrads(graph: Graph, params: ParamMap, x: tf.Tensor, names: string[],
  onGrad: (i: number, name: string, grad: tf.Tensor) => void, seedBytes = ROW_SEED_BYTES): void {
  const n = x.shape[0];
  const live = liveNodes(graph);
  const nodeOf = new Map(graph.params.map((p) => [p.name, p.node]));
  const wanted = new Set(names.filter((name) => live.has(nodeOf.get(name) ?? '')));
  const segments = segmentGraph(withoutDeadNodes(graph, new Set()));
  const acts: tf.Tensor[] = [x];
  try {
    for (const seg of segments.slice(0, -1)) acts.push(execute(seg, params, acts[acts.length - 1], { bn: 'train' }).logits);
    const widest = Math.max(...acts.slice(1).map((a) => a.size * 4), 1);
    const group = Math.max(1, Math.min(n, Math.floor(seedBytes / widest)));
    for (let first = 0; first < n; first += group) {
      const rows = Array.from({ length: Math.min(group, n - first) }, (_, k) => first + k);
      backwardRows(segments, params, acts, wanted, rows, onGrad);
    }
  } finally {
    for (const a of acts.slice(1)) a.dispose();
  }
}

/** Segment by segment from the logits back, every row of `rows` through one recording of each segment. */
function backwardRows(segments: Graph[], params: ParamMap, acts: tf.Tensor[], wanted: Set<string>, rows: number[],
  onGrad: (i: number, name: string, grad: tf.Tensor) => void): void {
  const seeds: Array<tf.Tensor | null> = rows.map(() => null);
  try {
    for (let s = segments.length - 1; s >= 0; s--) {
      const seg = segments[s];
      const pNames = seg.params.map((p) => p.name).filter((name) => wanted.has(name));
      const withInput = s > 0;
      if (!withInput && !pNames.length) break;
      const xs = [...(withInput ? [acts[s]] : []), ...pNames.map((name) => params[name])];
      const tape = recordTape(xs, () => execute(seg, params, acts[s], { bn: 'train' }).logits);
      try {
        const [batch, ...rest] = tape.y.shape;
        rows.forEach((i, k) => {
          // The last segment's upstream is d(sum of row i's logits)/d logits: ones on row i, zeros elsewhere.
          const dy = seeds[k] ?? tf.tidy(() => tf.pad(tf.ones([1, ...rest]), [[i, batch - i - 1], ...rest.map((): [number, number] => [0, 0])]));
          seeds[k] = null;
          let out: tf.Tensor[];
          try { out = tape.vjp(dy); } finally { dy.dispose(); }
          if (withInput) seeds[k] = out[0];
          const own = out.slice(withInput ? 1 : 0);
          try { pNames.forEach((name, j) => onGrad(i, name, own[j])); } finally { tf.dispose(own); }
        });
      } finally {
        tape.dispose();
      }
    }
  } finally {
    for (const t of seeds) t?.dispose();
  }
}
