// Batch-1 latency samples per second of the PR-check spec's archs: TensorFlow.js (the spec's backend, wasm) against
// onnxruntime (the exported ONNX graph, 1 intra-op thread, spinning off), side by side in one process.
//   node --import tsx bench/latency-engines.ts [--spec configs/pr-check.yml] [--rounds 6] [--window-ms 400] [--batch 1]
// Each round times every arch on both engines for one window each (samples taken back to back, as the latency
// stage takes them), the engine order alternating per round (A B, B A, ...), so machine load hits both alike.
// Prints per arch: samples/s and median ms on the wall clock and the CPU ms per sample of each engine, and the
// onnxruntime/tfjs ratio; then the whole spec's ratio (target: >= 5x). Finally, what process.cpuUsage() sees while
// the process is idle after onnxruntime runs with 2 intra-op threads, spinning on (onnxruntime's default) and off:
// a spinning pool burns CPU the A/B rule would count and neighbours on a shared runner would lose.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { cpus, loadavg } from 'node:os';
import { initBackend } from '../src/engine/backend.js';
import { buildArch, listArchs } from '../src/spaces/index.js';
import { loadSpec } from '../src/spec/load.js';
import { specOptions } from '../src/commands/spec-io.js';
import { networkWorkload, type NetworkWorkload } from '../src/latency/networks.js';
import { loadOrt, timingSessionOptions } from '../src/latency/ort-engine.js';
import { ortNetworkWorkload } from '../src/latency/ort-workload.js';
import { exportOnnx, INPUT_NAME } from '../src/latency/onnx-export.js';
import { median } from '../src/stats/descriptive.js';

const { values: args } = parseArgs({
  options: {
    spec: { type: 'string', default: 'configs/pr-check.yml' },
    rounds: { type: 'string', default: '6' },
    'window-ms': { type: 'string', default: '400' },
    batch: { type: 'string', default: '1' },
  },
});
const rounds = Number(args.rounds), windowMs = Number(args['window-ms']), batch = Number(args.batch);
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const spec = loadSpec(args.spec!, specOptions());
const backend = await initBackend(spec.backend);
const rt = await loadOrt();
const archs = await listArchs(spec);
console.log(`latency engines on ${args.spec}: ${archs.length} archs, batch ${batch}, ${rounds} rounds x ${windowMs} ms windows per engine`);
console.log(`  tfjs ${backend.version} (${backend.name}, ${backend.threads} thread${backend.threads === 1 ? '' : 's'}) vs onnxruntime-node ${rt.version} (1 intra-op thread, spinning off)`);
console.log(`  machine: ${cpus()[0]?.model ?? '?'} x ${cpus().length}, load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

type Engine = 'tfjs' | 'onnxruntime';
interface Tally { samples: number[]; wallMs: number; cpuMs: number }
const work: Array<{ arch: string; w: Record<Engine, NetworkWorkload>; t: Record<Engine, Tally> }> = [];
for (const arch of archs) {
  const graph = buildArch(spec, arch);
  const w = { tfjs: networkWorkload(graph, arch, batch, spec.seed), onnxruntime: await ortNetworkWorkload(rt, graph, arch, batch, spec.seed, { threads: 1 }) };
  for (const e of ['tfjs', 'onnxruntime'] as const) for (let i = 0; i < 3; i++) await w[e].run(); // warm-up
  work.push({ arch, w, t: { tfjs: { samples: [], wallMs: 0, cpuMs: 0 }, onnxruntime: { samples: [], wallMs: 0, cpuMs: 0 } } });
}

async function window(w: NetworkWorkload, t: Tally): Promise<void> {
  const start = performance.now(), c0 = cpuMs();
  while (performance.now() - start < windowMs) {
    const s = performance.now();
    await w.run();
    t.samples.push(performance.now() - s);
  }
  t.wallMs += performance.now() - start;
  t.cpuMs += cpuMs() - c0;
}

for (let r = 0; r < rounds; r++) {
  const order: Engine[] = r % 2 === 0 ? ['tfjs', 'onnxruntime'] : ['onnxruntime', 'tfjs'];
  for (const a of work) for (const e of order) await window(a.w[e], a.t[e]);
}

const rate = (t: Tally) => t.samples.length / (t.wallMs / 1000);
console.log('\n  samples/s (wall)      tfjs   onnxruntime   ratio | median ms  tfjs  onnxruntime | CPU ms/sample  tfjs  onnxruntime   arch');
let tfjsTime = 0, ortTime = 0;
for (const a of work) {
  const [tf, ort] = [a.t.tfjs, a.t.onnxruntime];
  // Time per sample of each engine: the whole spec's ratio weights every arch by one sample, as the latency stage does.
  tfjsTime += tf.wallMs / tf.samples.length;
  ortTime += ort.wallMs / ort.samples.length;
  console.log(`  ${rate(tf).toFixed(1).padStart(22)} ${rate(ort).toFixed(1).padStart(13)} ${(rate(ort) / rate(tf)).toFixed(2).padStart(7)}x |` +
    ` ${median(tf.samples).toFixed(3).padStart(15)} ${median(ort.samples).toFixed(3).padStart(12)} |` +
    ` ${(tf.cpuMs / tf.samples.length).toFixed(3).padStart(19)} ${(ort.cpuMs / ort.samples.length).toFixed(3).padStart(12)}   ${a.arch}`);
}
console.log(`\n  whole spec, one sample of every arch: tfjs ${(1000 / tfjsTime).toFixed(2)}/s, onnxruntime ${(1000 / ortTime).toFixed(2)}/s` +
  ` -> ${(tfjsTime / ortTime).toFixed(2)}x (target >= 5x)`);
for (const a of work) { a.w.tfjs.dispose(); a.w.onnxruntime.dispose(); }

// Spinning: CPU time this process uses while idle for 300 ms right after a burst of 2-thread runs.
const graph = buildArch(spec, archs[0]!);
const model = exportOnnx(graph, { seed: spec.seed, archKey: archs[0]!, batch });
const [h, w, c] = graph.inputShape;
console.log('\n  onnxruntime, 2 intra-op threads: CPU ms this process uses in 300 ms idle after 20 runs (median of 5)');
for (const spin of ['1', '0']) {
  const opts = timingSessionOptions({ threads: 2 }) as { extra: { session: { intra_op: { allow_spinning: string } } } };
  opts.extra.session.intra_op.allow_spinning = spin;
  const session = await rt.ort.InferenceSession.create(model, opts as Record<string, unknown>);
  const x = new rt.ort.Tensor('float32', new Float32Array(batch * c * h * w), [batch, c, h, w]);
  const idle: number[] = [], perRun: number[] = [];
  for (let k = 0; k < 5; k++) {
    const c0 = cpuMs();
    for (let i = 0; i < 20; i++) await session.run({ [INPUT_NAME]: x });
    perRun.push((cpuMs() - c0) / 20);
    const c1 = cpuMs();
    await new Promise((res) => setTimeout(res, 300));
    idle.push(cpuMs() - c1);
  }
  await session.release();
  console.log(`    spinning ${spin === '1' ? 'on (default)' : 'off (zsnas)'}: ${median(idle).toFixed(1)} ms idle CPU, ${median(perRun).toFixed(2)} CPU ms per run`);
}
console.log(`  load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
