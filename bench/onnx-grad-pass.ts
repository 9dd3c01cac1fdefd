// One loss-gradient pass (forward in train-mode BN, mean cross-entropy, every conv/dense weight gradient) on an
// NB201 network: onnxruntime (the explicit backward graph of src/proxies/onnx-grad, 1 intra-op thread) against
// the tfjs wasm pass the proxies use (checkpointed autodiff), interleaved A B A B in one process, CPU seconds of
// this process per pass (both engines run on this thread) and the largest gradient difference between them.
// Run: nice -n 5 node --import tsx bench/onnx-grad-pass.ts [--arch ARCH] [--batch 64] [--rounds 3]
// --first-runs instead times the first three runs of fresh sessions (what a proxy's session serves: two to a few
// runs per arch), onnxruntime's memory pattern on and off, alternating, with the minor page faults of each run.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { initParams, disposeParams } from '../src/graph/init.js';
import { saliencyWeights } from '../src/graph/grad.js';
import { checkpointedGrads } from '../src/graph/checkpoint.js';
import { crossEntropy } from '../src/proxies/passes/loss-grads.js';
import { GradSession, gradSessionOptions } from '../src/proxies/onnx-grad/session.js';
import { buildGradModel, IMAGES, LABELS } from '../src/proxies/onnx-grad/build.js';
import { paramInput } from '../src/proxies/onnx-grad/forward.js';
import { loadOrt } from '../src/latency/ort-engine.js';
import { loadavg } from 'node:os';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ARCH = arg('arch', '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|');
const BATCH = Number(arg('batch', '64'));
const ROUNDS = Number(arg('rounds', '3'));

const info = await initBackend('wasm');
const graph = buildNb201(ARCH, 'cifar10');
const params = initParams(graph, 0, ARCH);
const weights = saliencyWeights(graph);
const x = tf.randomNormal([BATCH, 32, 32, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
const labels = Array.from({ length: BATCH }, (_, i) => (i * 7) % 10);
const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 10).toFloat();
const feeds = {
  images: x.dataSync() as Float32Array,
  labels: y.dataSync() as Float32Array,
  params: new Map(graph.params.map((p) => [p.name, params[p.name].dataSync() as Float32Array])),
};

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
if (process.argv.includes('--first-runs')) {
  const { ort } = await loadOrt();
  const model = buildGradModel(graph, { batch: BATCH, loss: 'cross-entropy', weights });
  const inputs = {
    [IMAGES]: new ort.Tensor('float32', feeds.images, [BATCH, ...graph.inputShape]),
    [LABELS]: new ort.Tensor('float32', feeds.labels, [BATCH, graph.numClasses]),
    ...Object.fromEntries(model.params.map((p) => [paramInput(p.name), new ort.Tensor('float32', feeds.params.get(p.name)!, p.shape)])),
  };
  console.log(`${graph.name}, batch ${BATCH}: CPU s of runs 1, 2, 3 of a fresh session (minor page faults)`);
  for (let r = 0; r < ROUNDS; r++) {
    for (const pattern of [true, false]) {
      const s = await ort.InferenceSession.create(model.bytes, { ...gradSessionOptions(1), enableMemPattern: pattern });
      const cells: string[] = [];
      for (let k = 0; k < 3; k++) {
        const c0 = cpu(), f0 = process.resourceUsage().minorPageFault;
        await s.run(inputs);
        cells.push(`${(cpu() - c0).toFixed(2)} (${process.resourceUsage().minorPageFault - f0})`);
      }
      await s.release();
      console.log(`round ${r + 1} memory pattern ${pattern ? 'on ' : 'off'}: ${cells.join('  ')}  load ${loadavg()[0].toFixed(2)}`);
    }
  }
  process.exit(0);
}
const t0 = cpu();
const session = await GradSession.create(graph, { batch: BATCH, loss: 'cross-entropy', weights });
console.log(`build + load the onnxruntime model: ${(cpu() - t0).toFixed(2)} s CPU`);

async function ortPass() {
  return (await session.run(feeds)).grads;
}
function tfjsPass() {
  const r = checkpointedGrads(graph, params, x, weights, (logits) => crossEntropy(logits, y));
  const out = new Map([...r.grads].map(([k, v]) => [k, v.dataSync() as Float32Array]));
  tf.dispose([...r.grads.values(), ...r.kept.values(), ...r.additiveGrads.values()]);
  return out;
}

console.log(`${graph.name}, batch ${BATCH}, tfjs ${info.tfName} ${info.threads} thread, onnxruntime 1 intra-op thread; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const ort: number[] = [], tfj: number[] = [];
let a = await ortPass(), b = tfjsPass(); // warm-up, and the values compared
for (let r = 0; r < ROUNDS; r++) {
  let s = cpu(); a = await ortPass(); ort.push(cpu() - s);
  s = cpu(); b = tfjsPass(); tfj.push(cpu() - s);
  console.log(`round ${r + 1}: onnxruntime ${ort.at(-1)!.toFixed(3)} s  tfjs ${tfj.at(-1)!.toFixed(3)} s  ratio ${(tfj.at(-1)! / ort.at(-1)!).toFixed(2)}x  load ${loadavg()[0].toFixed(2)}`);
}
let worst = 0, worstName = '';
for (const w of weights) {
  const p = a.get(w) ?? new Float32Array(b.get(w)!.length), q = b.get(w)!;
  let scale = 0, diff = 0;
  for (let i = 0; i < q.length; i++) { scale = Math.max(scale, Math.abs(q[i])); diff = Math.max(diff, Math.abs(p[i] - q[i])); }
  const rel = scale > 0 ? diff / scale : diff;
  if (rel > worst) { worst = rel; worstName = w; }
}
const med = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1];
console.log(`median CPU s per pass: onnxruntime ${med(ort).toFixed(3)}, tfjs ${med(tfj).toFixed(3)}, tfjs/onnxruntime ${(med(tfj) / med(ort)).toFixed(2)}x`);
console.log(`largest gradient difference (max |a-b| / max |b| per weight): ${worst.toExponential(2)} (${worstName})`);
await session.release();
disposeParams(params);
tf.dispose([x, y]);
