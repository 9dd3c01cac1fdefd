// Wasm conv kernel timings on NB201-sized shapes: forward conv vs. stock and replacement gradient kernels.
// Run: node --import tsx bench/kernels.ts   (env BENCH_REPS to change the number of timed repeats)
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { registerWasmGradKernels, unregisterWasmGradKernels } from '../src/engine/wasm-kernels.js';

interface Shape { name: string; x: [number, number, number, number]; k: number; cout: number; stride: number; pad: number }

const SHAPES: Shape[] = [
  { name: '32x32x16 3x3 s1', x: [64, 32, 32, 16], k: 3, cout: 16, stride: 1, pad: 1 },
  { name: '16x16x32 3x3 s1', x: [64, 16, 16, 32], k: 3, cout: 32, stride: 1, pad: 1 },
  { name: '8x8x64 3x3 s1', x: [64, 8, 8, 64], k: 3, cout: 64, stride: 1, pad: 1 },
  { name: '32x32x16 3x3 s2 ->32', x: [64, 32, 32, 16], k: 3, cout: 32, stride: 2, pad: 1 },
  { name: '32x32x16 1x1 s1', x: [64, 32, 32, 16], k: 1, cout: 16, stride: 1, pad: 0 },
];
const REPS = Number(process.env.BENCH_REPS ?? 7);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median wall ms of `run` (kernel + readback), after one warm-up. */
function time(run: () => tf.Tensor, reps = REPS): number {
  const ms: number[] = [];
  for (let i = -1; i < reps; i++) {
    const t0 = performance.now();
    const out = run();
    out.dataSync();
    const dt = performance.now() - t0;
    out.dispose();
    if (i >= 0) ms.push(dt);
  }
  return median(ms);
}

function kernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>): () => tf.Tensor {
  return () => tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
}

function tensors(sh: Shape) {
  const [n, h, w, cin] = sh.x;
  const x = tf.randomNormal(sh.x, 0, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.randomNormal([sh.k, sh.k, cin, sh.cout], 0, 0.1, 'float32', 2) as tf.Tensor4D;
  const pad = [[0, 0], [sh.pad, sh.pad], [sh.pad, sh.pad], [0, 0]] as tf.backend_util.ExplicitPadding;
  const ho = Math.floor((h + 2 * sh.pad - sh.k) / sh.stride) + 1;
  const wo = Math.floor((w + 2 * sh.pad - sh.k) / sh.stride) + 1;
  const dy = tf.randomNormal([n, ho, wo, sh.cout], 0, 1, 'float32', 3) as tf.Tensor4D;
  const common = { strides: [sh.stride, sh.stride], pad, dataFormat: 'NHWC', dimRoundingMode: undefined };
  return {
    x, filter, dy, pad,
    input: kernel(tf.Conv2DBackpropInput, { dy, filter }, { ...common, inputShape: sh.x }),
    filterGrad: kernel(tf.Conv2DBackpropFilter, { x, dy }, { ...common, filterShape: filter.shape }),
    dispose: () => tf.dispose([x, filter, dy]),
  };
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

const info = await initBackend('wasm');
console.log(`backend ${info.tfName} (tfjs ${info.version}, ${info.threads} thread), batch 64, median of ${REPS} ms\n`);
const header = ['shape', 'fwd', 'dX stock', 'dX repl', 'dW repl', 'dX stock/fwd', 'dX repl/fwd', 'dX stock/repl', 'dW/fwd'];
const rows: string[][] = [];
for (const sh of SHAPES) {
  const t = tensors(sh);
  const fwd = time(() => tf.conv2d(t.x, t.filter, sh.stride, t.pad));
  unregisterWasmGradKernels();
  const dxStock = time(t.input);
  registerWasmGradKernels();
  const dxRepl = time(t.input);
  const dwRepl = time(t.filterGrad);
  t.dispose();
  rows.push([sh.name, fwd, dxStock, dxRepl, dwRepl].map((v) => (typeof v === 'number' ? v.toFixed(1) : v))
    .concat([dxStock / fwd, dxRepl / fwd, dxStock / dxRepl, dwRepl / fwd].map((r) => `${r.toFixed(2)}x`)));
}
printTable(header, rows);

// Depthwise 3x3 (MobileNet-style blocks): forward vs. the two gradient kernels (absent from stock wasm).
console.log('\ndepthwise 3x3, batch 64');
const dwHeader = ['shape', 'fwd', 'dX repl', 'dW repl', 'dX/fwd', 'dW/fwd'];
const dwRows: string[][] = [];
for (const [h, c, stride] of [[32, 32, 1], [16, 96, 1], [32, 32, 2]] as const) {
  const x = tf.randomNormal([64, h, h, c], 0, 1, 'float32', 4) as tf.Tensor4D;
  const filter = tf.randomNormal([3, 3, c, 1], 0, 0.3, 'float32', 5) as tf.Tensor4D;
  const pad = [[0, 0], [1, 1], [1, 1], [0, 0]] as tf.backend_util.ExplicitPadding;
  const o = Math.floor((h - 1) / stride) + 1;
  const dy = tf.randomNormal([64, o, o, c], 0, 1, 'float32', 6) as tf.Tensor4D;
  const common = { strides: [stride, stride], pad, dilations: [1, 1], dimRoundingMode: undefined };
  const fwd = time(() => tf.depthwiseConv2d(x, filter, stride, pad));
  const dx = time(kernel(tf.DepthwiseConv2dNativeBackpropInput, { dy, filter }, { ...common, inputShape: x.shape }));
  const dw = time(kernel(tf.DepthwiseConv2dNativeBackpropFilter, { x, dy }, { ...common, filterShape: filter.shape }));
  tf.dispose([x, filter, dy]);
  dwRows.push([`${h}x${h}x${c} s${stride}`, fwd.toFixed(1), dx.toFixed(1), dw.toFixed(1), `${(dx / fwd).toFixed(2)}x`, `${(dw / fwd).toFixed(2)}x`]);
}
printTable(dwHeader, dwRows);

// The pure-JS cpu backend's own Conv2DBackpropFilter, for one shape at batch 8 (at 64 it takes ~20 s a call).
const sh: Shape = { ...SHAPES[2]!, name: '8x8x64 3x3 s1 batch 8', x: [8, 8, 8, 64] };
const wasmT = tensors(sh);
const wasmFwd = time(() => tf.conv2d(wasmT.x, wasmT.filter, sh.stride, wasmT.pad));
const wasmDw = time(wasmT.filterGrad);
wasmT.dispose();
await tf.setBackend('cpu');
const cpuT = tensors(sh);
const cpuFwd = time(() => tf.conv2d(cpuT.x, cpuT.filter, sh.stride, cpuT.pad), 3);
const cpuDw = time(cpuT.filterGrad, 3);
cpuT.dispose();
await tf.setBackend('wasm');
console.log(`\ncpu backend, ${sh.name}: fwd ${cpuFwd.toFixed(1)} ms, Conv2DBackpropFilter ${cpuDw.toFixed(1)} ms ` +
  `(${(cpuDw / cpuFwd).toFixed(1)}x its fwd); wasm replacement dW ${wasmDw.toFixed(1)} ms ` +
  `(fwd ${wasmFwd.toFixed(1)}): cpu/wasm dW = ${(cpuDw / wasmDw).toFixed(1)}x`);
