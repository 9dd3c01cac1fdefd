// ntk's Jacobian rows, the replaced procedure against the current one, side by side in one process (A B A B ...):
//   A  per row: one checkpointedGrads call (a batch forward without tape, then each segment's forward again with
//      tape and its backward), `samples` calls per repeat: what ntk did before the retained tape
//   B  empiricalNtk: one batch forward per repeat, each row one backward from a retained tape (checkpoint-rows.ts)
// One NB201 arch and one NATS-Bench SSS arch (the first of each committed sample by default), wasm backend, PyTorch
// default init, the first `samples` CIFAR-10 test images. Prints per measurement the process CPU seconds
// (user+sys), wall seconds and the load average around it, the CPU ratio A/B per pair, and the largest
// |Theta_A - Theta_B| / max|Theta| with both condition numbers (the values must agree).
//   nice -n 5 node --import tsx bench/ntk-rows.ts [--samples 72] [--rounds 2] [--nb201 ARCH] [--sss ARCH] [--only nb201,sss]
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/engine/backend.js';
import { readCifarBin } from '../src/data/cifar.js';
import { checkpointedGrads } from '../src/graph/checkpoint.js';
import { disposeParams, initParams } from '../src/graph/init.js';
import type { Graph } from '../src/graph/ir.js';
import type { ParamMap } from '../src/graph/execute.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { buildNatsSss } from '../src/spaces/nats-sss/network.js';
import { conditionNumber, empiricalNtk, ntkParams } from '../src/proxies/ntk.js';
import type { SquareMatrix } from '../src/linalg/eigen.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '72' },
    rounds: { type: 'string', default: '2' },
    nb201: { type: 'string', default: '|nor_conv_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_1x1~2|' },
    sss: { type: 'string', default: '8:8:16:56:56' },
    only: { type: 'string', default: 'nb201,sss' },
    cifar: { type: 'string', default: join(process.env.ZSNAS_DATA_DIR ?? join(ROOT, '..', 'shared', 'data'), 'cifar', 'cifar10_test_300_jpeg.bin') },
  },
});
const samples = Number(args.samples);
const rounds = Number(args.rounds);
if (!existsSync(args.cifar)) throw new Error(`${args.cifar}: CIFAR-10 binary not found (--cifar PATH or ZSNAS_DATA_DIR)`);

/** The replaced procedure: Theta from one checkpointedGrads call per row. */
function perRowNtk(graph: Graph, params: ParamMap, x: tf.Tensor4D): SquareMatrix {
  const names = ntkParams(graph);
  const n = x.shape[0];
  const rows = Array.from({ length: n }, (_, i) => {
    const { grads } = checkpointedGrads(graph, params, x, names, (logits) => tf.sum(tf.slice(logits, [i, 0], [1, -1])) as tf.Scalar);
    const parts = names.map((name) => grads.get(name)!.dataSync() as Float32Array);
    const row = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let at = 0;
    for (const p of parts) { row.set(p, at); at += p.length; }
    tf.dispose([...grads.values()]);
    return row;
  });
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    let s = 0;
    for (let k = 0; k < rows[i].length; k++) s += rows[i][k] * rows[j][k];
    data[i * n + j] = s;
    data[j * n + i] = s;
  }
  return { n, data };
}

const info = await initBackend('wasm');
const cifar = readCifarBin(args.cifar, { dataset: 'cifar10', count: samples });
console.log(`tfjs ${info.version} ${info.tfName}, ${info.threads} thread; ${samples} CIFAR-10 images, 1 repeat per measurement; ${rounds} rounds A B`);
const cases: Array<[string, Graph]> = [];
if (args.only.includes('nb201')) cases.push([`NB201 ${args.nb201}`, buildNb201(args.nb201, 'cifar10')]);
if (args.only.includes('sss')) cases.push([`SSS ${args.sss}`, buildNatsSss(args.sss, 'cifar10')]);
for (const [label, graph] of cases) {
  const params = initParams(graph, 0, label, 'pytorch');
  const x = tf.tensor4d(cifar.images, [samples, cifar.height, cifar.width, 3]);
  console.log(`\n${label}`);
  const cpu: Record<'A' | 'B', number[]> = { A: [], B: [] };
  const thetas: Record<'A' | 'B', SquareMatrix | null> = { A: null, B: null };
  for (let r = 0; r < rounds; r++) {
    for (const side of ['A', 'B'] as const) {
      const load0 = loadavg()[0];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const theta = side === 'A' ? perRowNtk(graph, params, x) : empiricalNtk(graph, params, x);
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const secs = (c.user + c.system) / 1e6;
      cpu[side].push(secs);
      thetas[side] = theta;
      console.log(`  round ${r + 1} ${side === 'A' ? 'A per-row calls ' : 'B retained tape '} CPU ${secs.toFixed(1)} s  wall ${wall.toFixed(1)} s  ` +
        `load ${load0.toFixed(2)} -> ${loadavg()[0].toFixed(2)}  kappa ${conditionNumber(theta).toPrecision(10)}  tensors ${tf.memory().numTensors}`);
    }
    console.log(`  round ${r + 1} CPU ratio A/B ${(cpu.A[r] / cpu.B[r]).toFixed(2)}`);
  }
  const a = thetas.A!.data, b = thetas.B!.data;
  let diff = 0, scale = 0;
  for (let k = 0; k < a.length; k++) { diff = Math.max(diff, Math.abs(a[k] - b[k])); scale = Math.max(scale, Math.abs(a[k])); }
  console.log(`  max |Theta_A - Theta_B| / max|Theta| = ${(diff / scale).toExponential(2)}  (0 = same bits)`);
  x.dispose();
  disposeParams(params);
}
