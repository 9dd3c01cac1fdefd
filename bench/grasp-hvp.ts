// GraSP on onnxruntime: the exact H·g of the tangent model (hvp: auto) against the finite-difference route it
// replaces (hvp: finite-difference: Richardson over central differences, 6 gradient passes per step size, up to 3
// step sizes outside the h² regime, plus a tfjs forward recording the ReLU patterns per step size), interleaved
// A B A B in one process on an NB201 network at batch 64. Each figure is one grasp row scored from a fresh arch
// context (model build and load, the shared loss pass and grasp's own work, as `zsnas run` charges it), in CPU
// seconds of this process (onnxruntime runs its 1 intra-op thread inside it). Also: one run of the H·v model
// against one run of the gradient model, the cost of the product in gradient passes.
// Run: nice -n 5 node --import tsx bench/grasp-hvp.ts [--arch ARCH] [--batch 64] [--rounds 2]
import { loadavg } from 'node:os';
import { initBackend } from '../src/engine/backend.js';
import { buildNb201 } from '../src/spaces/nb201/network.js';
import { gaussianBatch } from '../src/data/gaussian.js';
import { saliencyWeights } from '../src/graph/grad.js';
import { ArchContext } from '../src/proxies/context.js';
import { ortFeeds } from '../src/proxies/passes/grad-engine.js';
import { GradSession } from '../src/proxies/onnx-grad/session.js';
import { scoreArch } from '../src/proxies/score.js';
import grasp from '../src/proxies/grasp.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const ARCH = arg('arch', '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|');
const BATCH = Number(arg('batch', '64'));
const ROUNDS = Number(arg('rounds', '2'));

await initBackend('wasm');
const graph = buildNb201(ARCH, 'cifar10');
const batches = [gaussianBatch(7, BATCH, graph.inputShape, graph.numClasses)];
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`${graph.name}, batch ${BATCH}, onnxruntime 1 intra-op thread; load ${load()}`);
const sides = { exact: { ...grasp.defaults }, 'finite-difference': { ...grasp.defaults, hvp: 'finite-difference' } };
const times: Record<string, number[]> = { exact: [], 'finite-difference': [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, options] of Object.entries(sides)) {
    const s = cpu();
    const [row] = await scoreArch(graph, ARCH, [{ proxy: grasp, options }], 0, batches, 'pytorch', 'onnxruntime');
    times[name].push(cpu() - s);
    console.log(`round ${r + 1} ${name.padEnd(17)} ${times[name].at(-1)!.toFixed(1)} s CPU  value ${row.value.toPrecision(7)} ` +
      `${row.status} (${row.engine}, ${row.method ?? '-'})  load ${load()}`);
  }
}
const med = (v: number[]) => [...v].sort((p, q) => p - q)[v.length >> 1];
const [e, f] = [med(times.exact), med(times['finite-difference'])];
console.log(`median CPU s per grasp row: exact ${e.toFixed(1)}, finite-difference ${f.toFixed(1)}: ${(f / e).toFixed(2)}x less with exact`);

// The product's own cost in gradient passes: one H·v run against one gradient run, same arch and batch.
const ctx = new ArchContext(graph, ARCH, 0, batches, 'pytorch', 'onnxruntime');
const weights = saliencyWeights(graph);
const feeds = ortFeeds(ctx, 0, BATCH, 'pytorch');
const tangents = new Map(weights.map((w) => [w, feeds.params.get(w)!]));
const plain = await GradSession.create(graph, { batch: BATCH, loss: 'cross-entropy', weights });
const hvp = await GradSession.create(graph, { batch: BATCH, loss: 'cross-entropy', weights, hvp: true });
await plain.run(feeds); await hvp.run({ ...feeds, tangents }); // warm-up
const pass: number[] = [], prod: number[] = [];
for (let r = 0; r < ROUNDS + 1; r++) {
  let s = cpu(); await plain.run(feeds); pass.push(cpu() - s);
  s = cpu(); await hvp.run({ ...feeds, tangents }); prod.push(cpu() - s);
}
console.log(`one gradient run ${med(pass).toFixed(2)} s CPU, one H·v run ${med(prod).toFixed(2)} s CPU: ${(med(prod) / med(pass)).toFixed(2)} passes; load ${load()}`);
await plain.release(); await hvp.release(); await ctx.release();
