// TensorFlow 'same' padding as explicit PyTorch-style pads. TF puts the odd extra pixel after (bottom/right),
// so a stride-2 3x3 conv on an even input pads [0, 1], not [1, 1] (PROXIES.md 7.7).
import type { Pad4 } from '../../graph/ir.js';

/** [before, after] along one axis: out = ceil(in / stride), total = max((out - 1) * stride + kernel - in, 0). */
export function samePad1d(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** Pads for an [H, W] input, a [kh, kw] window and one stride: [top, bottom, left, right]. */
export function samePad(h: number, w: number, kernel: [number, number], stride: number): Pad4 {
  const [t, b] = samePad1d(h, kernel[0], stride);
  const [l, r] = samePad1d(w, kernel[1], stride);
  return [t, b, l, r];
}

export function addPads(a: Pad4, b: Pad4): Pad4 {
  return [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
}
