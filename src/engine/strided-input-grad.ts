// dL/dx of a strided conv without the zeros of a spread dy (which cost stride^2 the work): split by output
// phase. With j = i + pt = q*s + r (0 <= r < s): dx[i] = sum_t dy[q - t] * w[r + t*s], a stride-1 conv of dy
// with the sub-filter w[r::s] for each phase r. The s*s phase maps are interleaved by a JS loop over the wasm
// heap: the wasm DepthToSpace (6x) and rank-6 Transpose (12x) take longer than the convolutions themselves.
import type * as tf from '@tensorflow/tfjs';
import { cropSpatial, explicitPad, window1D } from './conv-geometry.js';
import type { KernelScope } from './kernel-scope.js';

const NO_MASKS = { beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 };

/** The parts of BackendWasm used to write an output from JS (as its own Slice kernel does). */
interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

/** For equal strides > 1. Same total multiply-adds as the forward conv. */
export function phaseSplitInputGrad(
  s: KernelScope, dy: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo,
): tf.TensorInfo {
  const st = info.strideHeight;
  const { filterHeight: kh, filterWidth: kw, inHeight: h, inWidth: w, inChannels: ci, outChannels: co, batchSize: n } = info;
  const { top, left } = info.padInfo;
  // Phase maps cover j in [0, q*st); dx is the window j in [pt, pt + H).
  const qh = Math.ceil((h + top) / st);
  const qw = Math.ceil((w + left) / st);
  const [, ho, wo] = dy.shape;
  const phases: Array<tf.TensorInfo | null> = [];
  for (let rh = 0; rh < st; rh++) {
    for (let rw = 0; rw < st; rw++) {
      const th = Math.ceil((kh - rh) / st);
      const tw = Math.ceil((kw - rw) / st);
      // z[q] = sum_t dy[q - t] sub[t] = correlation of dy rows [q - (th-1), q] with the flipped sub-filter.
      const rows = window1D(ho, -(th - 1), qh - 1);
      const cols = window1D(wo, -(tw - 1), qw - 1);
      if (th <= 0 || tw <= 0 || rows.size === 0 || cols.size === 0) {
        phases.push(null); // no tap of the filter lands on this phase: zeros
        continue;
      }
      const sub = s.run('StridedSlice', { x: filter }, {
        begin: [rh, rw, 0, 0], end: [kh, kw, ci, co], strides: [st, st, 1, 1], ...NO_MASKS,
      });
      const flipped = s.transpose(s.run('Reverse', { x: sub }, { dims: [0, 1] }), [0, 1, 3, 2]);
      phases.push(s.run('Conv2D', { x: cropSpatial(s, dy, rows, cols), filter: flipped }, {
        strides: [1, 1], pad: explicitPad(rows, cols), dilations: [1, 1], dataFormat: 'NHWC', dimRoundingMode: undefined,
      }));
    }
  }
  return s.adopt(interleave(s.backend as unknown as HeapBackend, phases, { st, n, qh, qw, ci, h, w, top, left }));
}

interface Layout { st: number; n: number; qh: number; qw: number; ci: number; h: number; w: number; top: number; left: number }

/** dx[b, i, x, :] = phase[(i+top) % st][(x+left) % st][b, (i+top) / st, (x+left) / st, :]. */
function interleave(backend: HeapBackend, phases: Array<tf.TensorInfo | null>, l: Layout): tf.TensorInfo {
  const out = backend.makeOutput([l.n, l.h, l.w, l.ci], 'float32');
  // Views only after the allocation: a growing wasm heap detaches older views.
  const dst = backend.typedArrayFromHeap(out);
  const src = phases.map((p) => (p == null ? null : backend.typedArrayFromHeap(p)));
  const { ci } = l;
  let d = 0;
  for (let b = 0; b < l.n; b++) {
    for (let i = 0; i < l.h; i++) {
      const q = Math.floor((i + l.top) / l.st);
      const rh = (i + l.top) % l.st;
      for (let x = 0; x < l.w; x++) {
        const p = Math.floor((x + l.left) / l.st);
        const phase = src[rh * l.st + ((x + l.left) % l.st)];
        if (phase == null) {
          dst.fill(0, d, d + ci);
        } else {
          const o = ((b * l.qh + q) * l.qw + p) * ci;
          for (let c = 0; c < ci; c++) dst[d + c] = phase[o + c]!;
        }
        d += ci;
      }
    }
  }
  return out;
}
